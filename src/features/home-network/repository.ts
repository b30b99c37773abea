import type { HomeNetworkAnswers, HomeNetworkCheck } from '../../domain/policy/home-network';
import type { UserScheduleOverride } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { ScheduleRow } from '../../store/users';

export interface HomeNetworkRecord {
  readonly userId: string;
  readonly month: string;
  readonly sentAt?: Date;
  readonly answeredAt?: Date;
  readonly answers?: HomeNetworkAnswers;
  readonly failures: readonly HomeNetworkCheck[];
}

interface Row {
  user_id: string;
  month: string;
  sent_at: Date | null;
  answered_at: Date | null;
  answers: HomeNetworkAnswers | null;
  failures: HomeNetworkCheck[] | null;
}

const toRecord = (row: Row): HomeNetworkRecord => ({
  userId: row.user_id,
  month: row.month,
  sentAt: row.sent_at ? new Date(row.sent_at) : undefined,
  answeredAt: row.answered_at ? new Date(row.answered_at) : undefined,
  answers: row.answers ?? undefined,
  failures: row.failures ?? [],
});

/** The monthly home-network self-checks (table `home_network_checks`): one row per person and month. */
export const homeNetworkRepo = {
  async get(ex: Executor, userId: string, month: string): Promise<HomeNetworkRecord | undefined> {
    const r = await ex.query<Row>('select * from home_network_checks where user_id = $1 and month = $2', [userId, month]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  },

  /**
   * Marks the month's card sent, writing the row when there is none yet; false when it was sent (a
   * retried job, a slot fanned out twice): the per-person ledger that keeps one card per month.
   */
  async markSent(ex: Executor, params: { userId: string; tenantId: string; month: string; at: Date }): Promise<boolean> {
    const r = await ex.query(
      `insert into home_network_checks (user_id, month, tenant_id, planned_at, sent_at) values ($1, $2, $3, $4, $4)
       on conflict (user_id, month) do update set sent_at = $4 where home_network_checks.sent_at is null returning user_id`,
      [params.userId, params.month, params.tenantId, params.at],
    );
    return r.rows.length > 0;
  },

  async saveAnswers(ex: Executor, params: { userId: string; tenantId: string; month: string; at: Date; answers: HomeNetworkAnswers; failures: readonly HomeNetworkCheck[] }): Promise<void> {
    await ex.query(
      `insert into home_network_checks (user_id, month, tenant_id, planned_at, answered_at, answers, failures) values ($1, $2, $3, $4, $4, $5, $6)
       on conflict (user_id, month) do update set answered_at = $4, answers = $5, failures = $6`,
      [params.userId, params.month, params.tenantId, params.at, JSON.stringify(params.answers), params.failures],
    );
  },
};


const SLOT_PREFIX = 'homenet-slot:';

/** The ledger key of a slot: `homenet-slot:<month>:<ISO instant>`. */
export const homeNetworkSlotKey = (month: string, at: Date): string => `${SLOT_PREFIX}${month}:${at.toISOString()}`;

/**
 * The monthly card's slots: one ledger row per (month, instant) in job_plan, written in the same
 * transaction as its timed `homenet-slot` job, and the people a slot fans out to.
 */
export const homeNetworkSlotsRepo = {
  /** Keys of the home-network slots planned to run at or after `from`. */
  async keysFrom(ex: Executor, from: Date): Promise<Set<string>> {
    const r = await ex.query<{ key: string }>("select key from job_plan where key like $2 || '%' and run_at >= $1", [from, SLOT_PREFIX]);
    return new Set(r.rows.map((row) => row.key));
  },

  /** Records a planned slot (`homenet-slot:<month>:<ISO instant>`); false when planned already. */
  async record(ex: Executor, params: { month: string; at: Date; jobName: string }): Promise<boolean> {
    const r = await ex.query('insert into job_plan (key, job_name, run_at) values ($1, $2, $3) on conflict do nothing returning key', [
      homeNetworkSlotKey(params.month, params.at),
      params.jobName,
      params.at,
    ]);
    return r.rows.length > 0;
  },

  /** Active people whose card of `month` is not sent yet: id and schedule fields only (100,000 rows at once). */
  async unsentPeople(ex: Executor, month: string): Promise<(ScheduleRow & { readonly id: string })[]> {
    const r = await ex.query<{ id: string; time_zone: string; schedule: UserScheduleOverride | null }>(
      `select u.id, u.time_zone, u.schedule from users u
       where u.active and not exists (select 1 from home_network_checks h where h.user_id = u.id and h.month = $1 and h.sent_at is not null)`,
      [month],
    );
    return r.rows.map((row) => ({ id: row.id, timeZone: row.time_zone, schedule: row.schedule }));
  },
};
