import type { Executor } from '../../store/db';
import type { DepartmentTally } from './card-data';

/** A cascade step of a round (`resend1`, `resend2` …, `manager`, `admins`) and when it is due. */
export interface RoundStep {
  readonly step: string;
  readonly dueAt: Date;
}

/** Where an admin's live tally card is: sent through the outbox (its key) or answered to an invoke. */
export type TallyCardTarget = { readonly deliveryKey: string } | { readonly conversationId: string; readonly activityId: string };

export interface TallyCardRow {
  readonly adminId: string;
  readonly deliveryKey: string | null;
  readonly activityId: string | null;
  /** When this admin asked to close the round from this card (the question stays until answered). */
  readonly closeAskedAt: Date | null;
}

export const roundStepsRepo = {
  async add(ex: Executor, roundId: string, steps: readonly RoundStep[]): Promise<void> {
    for (const s of steps) {
      await ex.query('insert into round_steps (round_id, step, due_at) values ($1, $2, $3)', [roundId, s.step, s.dueAt]);
    }
  },

  /** Steps due by `now`, oldest first, at most `limit`. */
  async due(ex: Executor, now: Date, limit: number): Promise<{ roundId: string; step: string }[]> {
    const r = await ex.query<{ round_id: string; step: string }>(
      'select round_id, step from round_steps where done_at is null and due_at <= $1 order by due_at limit $2',
      [now, limit],
    );
    return r.rows.map((x) => ({ roundId: x.round_id, step: x.step }));
  },

  /** Marks the step done; false when another replica (or an earlier run) already did. */
  async claim(ex: Executor, roundId: string, step: string, now: Date): Promise<boolean> {
    const r = await ex.query('update round_steps set done_at = $3 where round_id = $1 and step = $2 and done_at is null returning step', [roundId, step, now]);
    return r.rows.length > 0;
  },
};

export const tallyRepo = {
  /** Rounds with new answers whose tally was last sent before `updatedBefore` (or never). */
  async dirtyRounds(ex: Executor, updatedBefore: Date): Promise<string[]> {
    const r = await ex.query<{ id: string }>(`select id from safety_rounds where tally_dirty and (tally_updated_at is null or tally_updated_at <= $1)`, [updatedBefore]);
    return r.rows.map((x) => x.id);
  },

  /** Takes the round's dirty flag and numbers the new tally; undefined when someone else took it. */
  async nextVersion(ex: Executor, roundId: string, now: Date): Promise<number | undefined> {
    const r = await ex.query<{ tally_version: number }>(
      `update safety_rounds set tally_dirty = false, tally_version = tally_version + 1, tally_updated_at = $2
       where id = $1 and tally_dirty returning tally_version`,
      [roundId, now],
    );
    return r.rows[0]?.tally_version;
  },

  async addCard(ex: Executor, roundId: string, adminId: string, target: TallyCardTarget): Promise<void> {
    if ('deliveryKey' in target) {
      await ex.query('insert into round_tally_cards (round_id, admin_id, delivery_key) values ($1, $2, $3)', [roundId, adminId, target.deliveryKey]);
    } else {
      await ex.query('insert into round_tally_cards (round_id, admin_id, conversation_id, activity_id) values ($1, $2, $3, $4)', [
        roundId,
        adminId,
        target.conversationId,
        target.activityId,
      ]);
    }
  },

  async cards(ex: Executor, roundId: string): Promise<TallyCardRow[]> {
    const r = await ex.query<{ admin_id: string; delivery_key: string | null; activity_id: string | null; close_asked_at: Date | null }>(
      'select admin_id, delivery_key, activity_id, close_asked_at from round_tally_cards where round_id = $1',
      [roundId],
    );
    return r.rows.map((x) => ({ adminId: x.admin_id, deliveryKey: x.delivery_key, activityId: x.activity_id, closeAskedAt: x.close_asked_at }));
  },

  /** Remembers (or forgets, with null) that the admin asked to close the round from their tally cards. */
  async setCloseAsked(ex: Executor, roundId: string, adminId: string, at: Date | null): Promise<void> {
    // Every refresh of a tally card comes here, nearly always with null over null: no row written then.
    await ex.query('update round_tally_cards set close_asked_at = $3 where round_id = $1 and admin_id = $2 and close_asked_at is distinct from $3', [roundId, adminId, at]);
  },

  /** Admins whose tally card of the round has a card or update still on its way (queued, sending, retrying). */
  async cardsInFlight(ex: Executor, batchId: string): Promise<Set<string>> {
    const r = await ex.query<{ recipient_id: string }>(
      `select distinct recipient_id from deliveries where batch_id = $1 and purpose = 'round-tally' and status in ('queued', 'claimed', 'sending', 'retrying')`,
      [batchId],
    );
    return new Set(r.rows.map((x) => x.recipient_id));
  },

  /** Recipients per latest state: own status when answered, else the phone result, else 'pending'. */
  async statusCounts(ex: Executor, roundId: string): Promise<{ key: string; n: number }[]> {
    const r = await ex.query<{ key: string; n: number }>(
      `select case when status = 'answered' then own_status
                   when reached_result = 'safe' then 'reached_safe'
                   when reached_result = 'injured' then 'reached_injured'
                   when reached_result = 'unreachable' then 'unreachable'
                   else 'pending' end as key, count(*)::int as n
       from round_recipients where round_id = $1 group by 1`,
      [roundId],
    );
    return r.rows;
  },

  async departmentCounts(ex: Executor, roundId: string): Promise<DepartmentCounts[]> {
    const r = await ex.query<{ department: string; total: number; answered: number; safe: number; injured: number; needs_help: number; pending: number }>(
      `select coalesce(department, '—') as department, count(*)::int as total,
         count(*) filter (where status <> 'pending')::int as answered,
         count(*) filter (where own_status = 'safe' or reached_result = 'safe')::int as safe,
         count(*) filter (where own_status in ('minor_injury', 'serious_injury') or reached_result = 'injured')::int as injured,
         count(*) filter (where own_status = 'needs_help')::int as needs_help,
         count(*) filter (where status = 'pending')::int as pending
       from round_recipients where round_id = $1 group by 1 order by 1`,
      [roundId],
    );
    return r.rows.map((x) => ({ department: x.department, total: x.total, answered: x.answered, safe: x.safe, injured: x.injured, needsHelp: x.needs_help, pending: x.pending }));
  },
};

/** A department's counts as stored: the card's `DepartmentTally` with `pending` where the card says "no answer". */
export type DepartmentCounts = Omit<DepartmentTally, 'noAnswer'> & { pending: number };

/** Recipients of every open round by state, across tenants (the operations gauge; no names). */
export async function openRoundProgress(ex: Executor): Promise<{ open: number; pending: number; answered: number; reached: number }> {
  const r = await ex.query<{ open: number; pending: number; answered: number; reached: number }>(
    `select count(distinct s.id)::int as open,
       count(rr.user_id) filter (where rr.status = 'pending')::int as pending,
       count(rr.user_id) filter (where rr.status = 'answered')::int as answered,
       count(rr.user_id) filter (where rr.status = 'reached')::int as reached
     from safety_rounds s left join round_recipients rr on rr.round_id = s.id where s.status = 'open'`,
  );
  return r.rows[0] ?? { open: 0, pending: 0, answered: 0, reached: 0 };
}
