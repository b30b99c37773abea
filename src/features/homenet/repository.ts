import type { HomeNetworkAnswers, HomeNetworkCheck } from '../../domain/policy/home-network';
import type { Executor } from '../../store/db';

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

const toRecord = (r: Row): HomeNetworkRecord => ({
  userId: r.user_id,
  month: r.month,
  sentAt: r.sent_at ? new Date(r.sent_at) : undefined,
  answeredAt: r.answered_at ? new Date(r.answered_at) : undefined,
  answers: r.answers ?? undefined,
  failures: r.failures ?? [],
});

/** The monthly home-network self-checks (table `home_network_checks`): one row per person and month. */
export const homeNetworkRepo = {
  async get(ex: Executor, userId: string, month: string): Promise<HomeNetworkRecord | undefined> {
    const r = await ex.query<Row>('select * from home_network_checks where user_id = $1 and month = $2', [userId, month]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  },

  /** Keys (`user:month`) planned at all: a planner run skips them without a transaction. */
  async plannedKeys(ex: Executor, months: readonly string[]): Promise<Set<string>> {
    const r = await ex.query<{ key: string }>("select user_id || ':' || month as key from home_network_checks where month = any($1::text[])", [months]);
    return new Set(r.rows.map((row) => row.key));
  },

  /** The ledger row of the month's durable job; false when planned already (another replica, an earlier run). */
  async plan(ex: Executor, p: { userId: string; tenantId: string; month: string; at: Date }): Promise<boolean> {
    const r = await ex.query(
      'insert into home_network_checks (user_id, month, tenant_id, planned_at) values ($1, $2, $3, $4) on conflict do nothing returning user_id',
      [p.userId, p.month, p.tenantId, p.at],
    );
    return r.rows.length > 0;
  },

  /** Marks the month's card sent; false when it was (a retried job). */
  async markSent(ex: Executor, p: { userId: string; tenantId: string; month: string; at: Date }): Promise<boolean> {
    const r = await ex.query(
      `insert into home_network_checks (user_id, month, tenant_id, planned_at, sent_at) values ($1, $2, $3, $4, $4)
       on conflict (user_id, month) do update set sent_at = $4 where home_network_checks.sent_at is null returning user_id`,
      [p.userId, p.month, p.tenantId, p.at],
    );
    return r.rows.length > 0;
  },

  async saveAnswers(ex: Executor, p: { userId: string; tenantId: string; month: string; at: Date; answers: HomeNetworkAnswers; failures: readonly HomeNetworkCheck[] }): Promise<void> {
    await ex.query(
      `insert into home_network_checks (user_id, month, tenant_id, planned_at, answered_at, answers, failures) values ($1, $2, $3, $4, $4, $5, $6)
       on conflict (user_id, month) do update set answered_at = $4, answers = $5, failures = $6`,
      [p.userId, p.month, p.tenantId, p.at, JSON.stringify(p.answers), p.failures],
    );
  },
};
