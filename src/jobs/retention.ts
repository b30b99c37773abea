import { AUDIT_KINDS } from '../audit/kinds';
import type { AuditLog } from '../audit/log';
import type { Clock } from '../domain/shared/clock';
import type { Logger } from '../log/logger';
import type { Db, Executor } from '../store/db';
import { every, type RecurringTask } from './recurring';

/**
 * The kinds of personal data kept only as long as needed (APPI 個人情報保護法 22条: delete personal
 * data once it is no longer needed for its purpose). Each has its own RETENTION_*_DAYS setting;
 * defaults and reasons in docs/security.md. Working-time records (check-in times, 労働基準法109条)
 * are not among them: only the free text next to them is.
 */
const RETENTION_KINDS = ['signals', 'incidentDetails', 'approvalPayloads', 'gapNotes', 'checkinComments'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionDays = Readonly<Record<RetentionKind, number>>;

/**
 * One feature's clean-up of one kind: deletes or redacts (free text to null) at most `limit` records
 * whose period ended before `before`, and returns how many it changed. It must be idempotent and safe
 * on several replicas at once (a changed record no longer matches; `for update skip locked`), and the
 * SQL stays in the owning feature's repository.
 */
export interface RetentionTask {
  readonly kind: RetentionKind;
  /** For logs and the audit row: what it clears, e.g. "gap check reason notes". */
  readonly name: string;
  run(ex: Executor, before: Date, limit: number): Promise<number>;
}

const DAY_MS = 86_400_000;
/** Records per transaction: short transactions, no long locks on busy tables. */
const BATCH = 500;
const INTERVAL_SECONDS = 24 * 3600;

/**
 * Runs every task until nothing is left and records the counts (ids and numbers only) in the audit log,
 * which itself is never redacted: it holds no free text, so it stays verifiable.
 * The app runs it through retentionTask.
 */
async function applyRetention(deps: { db: Db; clock: Clock; audit: AuditLog; days: RetentionDays; tasks: readonly RetentionTask[] }, batch = BATCH): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const counts: Record<string, number> = {};
  for (const task of deps.tasks) {
    const before = new Date(now.getTime() - deps.days[task.kind] * DAY_MS);
    let total = 0;
    for (;;) {
      const changed = await deps.db.transaction((tx) => task.run(tx, before, batch));
      total += changed;
      if (changed < batch) break;
    }
    if (total) counts[task.name] = total;
  }
  if (Object.keys(counts).length) {
    await deps.db.transaction((tx) => deps.audit.append(tx, { kind: AUDIT_KINDS.retentionApplied, data: { counts, days: { ...deps.days } } }));
  }
  return counts;
}

/** Daily in every replica: a second replica's run finds nothing left, or skips the rows being changed. */
export function retentionTask(deps: { db: Db; clock: Clock; audit: AuditLog; logger: Logger; days: RetentionDays; tasks: readonly RetentionTask[] }): RecurringTask {
  return every(INTERVAL_SECONDS, {
    name: 'data retention',
    runAtStart: true,
    run: async () => {
      const counts = await applyRetention(deps);
      if (Object.keys(counts).length) deps.logger.info({ component: 'retention', counts }, 'retention removed or redacted personal data past its period');
    },
  });
}
