import type { Executor } from '../../store/db';
import type { RecipientFilter } from './live-repository';
import type { Round } from './repository';

/** A recipient of a round and, when they answered themselves, how many minutes after the start they first did. */
export interface AnswerTime {
  readonly userId: string;
  readonly name: string;
  readonly department: string;
  /** Undefined: no own answer (a phone result does not count as the person answering). */
  readonly minutes?: number;
  /** Reached by phone (safe or injured) though they never answered themselves. */
  readonly reached: boolean;
}

export const reportRepo = {
  async answerTimes(ex: Executor, roundId: string, filter: RecipientFilter): Promise<AnswerTime[]> {
    const r = await ex.query<{ user_id: string; name: string; department: string; minutes: number | null; reached: boolean }>(
      `select x.user_id, u.name, coalesce(x.department, '—') as department, x.status = 'reached' as reached,
         (extract(epoch from (a.first_at - s.started_at)) / 60.0)::float8 as minutes
       from round_recipients x join safety_rounds s on s.id = x.round_id join users u on u.id = x.user_id
       left join lateral (select min(answered_at) as first_at from round_answers ra
                          where ra.round_id = x.round_id and ra.user_id = x.user_id and ra.source = 'self') a on true
       where x.round_id = $1 and ($2::text is null or x.manager_id = $2)
       order by x.department nulls last, u.name, x.user_id`,
      [roundId, filter.managerId ?? null],
    );
    return r.rows.map((x) => ({ userId: x.user_id, name: x.name, department: x.department, minutes: x.minutes ?? undefined, reached: x.reached }));
  },

  /** The drill of the same tenant and the same scope that started last before this round. */
  async previousDrill(ex: Executor, round: Pick<Round, 'id' | 'tenantId' | 'scope' | 'startedAt'>): Promise<{ id: string; startedAt: Date } | undefined> {
    const r = await ex.query<{ id: string; started_at: Date }>(
      `select id, started_at from safety_rounds
       where tenant_id = $1 and is_drill and scope = $2::jsonb and started_at < $3 and id <> $4 and status <> 'cancelled'
       order by started_at desc limit 1`,
      [round.tenantId, JSON.stringify(round.scope), round.startedAt, round.id],
    );
    const row = r.rows[0];
    return row ? { id: row.id, startedAt: row.started_at } : undefined;
  },
};
