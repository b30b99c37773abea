import type { OwnStatus, RoundKind, SafetyAnswer, ScopeKind } from '../../domain/safety/model';
import type { Executor } from '../../store/db';

export interface RoundScope {
  readonly scope: ScopeKind;
  readonly departments: readonly string[];
  readonly prefectures: readonly string[];
  readonly people: readonly string[];
}

export interface Round {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: RoundKind;
  readonly isDrill: boolean;
  readonly message?: string;
  readonly scope: RoundScope;
  readonly status: 'open' | 'closed' | 'cancelled';
  readonly source: 'admin' | 'jma';
  readonly eventId?: string;
  readonly maxIntensity?: string;
  readonly startedBy?: string;
  readonly startedAt: Date;
  readonly closedAt?: Date;
}

interface RoundRow {
  id: string;
  tenant_id: string;
  kind: RoundKind;
  is_drill: boolean;
  message: string | null;
  scope: RoundScope;
  status: Round['status'];
  source: Round['source'];
  event_id: string | null;
  max_intensity: string | null;
  started_by: string | null;
  started_at: Date;
  closed_at: Date | null;
}

const toRound = (r: RoundRow): Round => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  isDrill: r.is_drill,
  message: r.message ?? undefined,
  scope: r.scope,
  status: r.status,
  source: r.source,
  eventId: r.event_id ?? undefined,
  maxIntensity: r.max_intensity ?? undefined,
  startedBy: r.started_by ?? undefined,
  startedAt: r.started_at,
  closedAt: r.closed_at ?? undefined,
});

export interface RecipientRow {
  user_id: string;
  name: string;
  department: string | null;
  manager_id: string | null;
  manager_name: string | null;
  status: 'pending' | 'answered' | 'reached';
  own_status: OwnStatus | null;
  answer: SafetyAnswer | null;
  answered_at: Date | null;
  reached_result: string | null;
  locale: string;
}

const RECIPIENTS = `select x.user_id, u.name, x.department, x.manager_id, m.name as manager_name, x.status, x.own_status,
    x.answer, x.answered_at, x.reached_result, u.locale
  from round_recipients x join users u on u.id = x.user_id left join users m on m.id = x.manager_id`;

/** The users a scope selects (active users of the tenant). */
export function scopeFilter(scope: RoundScope, firstParam: number): { where: string; params: unknown[] } {
  switch (scope.scope) {
    case 'everyone':
      return { where: 'true', params: [] };
    case 'departments':
      return { where: `u.department = any($${firstParam}::text[])`, params: [scope.departments] };
    case 'prefectures':
      return { where: `(u.office_prefecture = any($${firstParam}::text[]) or u.home_prefecture = any($${firstParam}::text[]))`, params: [scope.prefectures] };
    case 'people':
      return { where: `u.id = any($${firstParam}::text[])`, params: [scope.people] };
  }
}

export const roundsRepo = {
  async get(ex: Executor, id: string): Promise<Round | undefined> {
    const r = await ex.query<RoundRow>('select * from safety_rounds where id = $1', [id]);
    return r.rows[0] ? toRound(r.rows[0]) : undefined;
  },

  async byEvent(ex: Executor, tenantId: string, eventId: string): Promise<Round | undefined> {
    const r = await ex.query<RoundRow>('select * from safety_rounds where tenant_id = $1 and event_id = $2', [tenantId, eventId]);
    return r.rows[0] ? toRound(r.rows[0]) : undefined;
  },

  async recent(ex: Executor, tenantId: string, since: Date): Promise<(Round & { answered: number })[]> {
    const r = await ex.query<RoundRow & { answered: number }>(
      `select r.*, (select count(*)::int from round_recipients x where x.round_id = r.id and x.status <> 'pending') as answered
       from safety_rounds r where r.tenant_id = $1 and r.started_at >= $2 order by r.started_at desc`,
      [tenantId, since],
    );
    return r.rows.map((x) => ({ ...toRound(x), answered: x.answered }));
  },

  async countScope(ex: Executor, tenantId: string, scope: RoundScope): Promise<number> {
    const f = scopeFilter(scope, 2);
    const r = await ex.query<{ n: number }>(`select count(*)::int as n from users u where u.active and u.tenant_id = $1 and ${f.where}`, [tenantId, ...f.params]);
    return r.rows[0]?.n ?? 0;
  },

  async recipients(ex: Executor, roundId: string, status?: RecipientRow['status']): Promise<RecipientRow[]> {
    const r = await ex.query<RecipientRow>(
      `${RECIPIENTS} where x.round_id = $1 and ($2::text is null or x.status = $2) order by x.department nulls last, u.name, x.user_id`,
      [roundId, status ?? null],
    );
    return r.rows;
  },

  async recipient(ex: Executor, roundId: string, userId: string): Promise<RecipientRow | undefined> {
    const rows = await ex.query<RecipientRow>(`${RECIPIENTS} where x.round_id = $1 and x.user_id = $2`, [roundId, userId]);
    return rows.rows[0];
  },

  async markTallyDirty(ex: Executor, roundId: string): Promise<void> {
    await ex.query('update safety_rounds set tally_dirty = true where id = $1', [roundId]);
  },
};
