import type { Clock } from '../domain/shared/clock';
import { every, type RecurringTask } from '../jobs/recurring';
import type { Logger } from '../log/logger';
import type { Db, Executor } from '../store/db';
import { AUDIT_CHAINS, AUDIT_KINDS, type AuditChain } from './kinds';
import { appendToChain } from './log';
import { auditRepo } from './repository';
import { chainStart, ChainWalker, type ChainProblem, type CheckpointData } from './verify';

/**
 * 労働基準法109条 keeps working-time records 5 years from their last entry. Check-in answers can be
 * edited for 7 days and payroll closes after the month ends, so the chain keeps a margin on top.
 */
const WORKING_TIME_YEARS = 5;
const WORKING_TIME_MARGIN_DAYS = 90;
const DAY_MS = 86_400_000;
/** Rows removed per transaction: appends wait for the log's lock meanwhile. */
const BATCH = 20_000;
const INTERVAL_SECONDS = 3600;

export interface RetentionPolicy {
  /** Every record that is not working time (AUDIT_RETENTION_DAYS). */
  readonly generalDays: number;
}

/**
 * Rows recorded before these instants may go; working time never before its statutory period.
 * @internal exported for tests; the job uses it through applyRetention.
 */
export function retentionCutoffs(now: Date, policy: RetentionPolicy): Record<AuditChain, Date> {
  const general = new Date(now.getTime() - policy.generalDays * DAY_MS);
  const statutory = new Date(now.getTime() - WORKING_TIME_MARGIN_DAYS * DAY_MS);
  statutory.setUTCFullYear(statutory.getUTCFullYear() - WORKING_TIME_YEARS);
  return { working_time: new Date(Math.min(statutory.getTime(), general.getTime())), general };
}

/**
 * Retention found a row that does not check out and removed nothing.
 * @internal exported for tests; the job logs it.
 */
export class AuditChainBrokenError extends Error {
  readonly code = 'AUDIT.CHAIN_BROKEN';
  constructor(readonly problem: ChainProblem) {
    super(`audit ${problem.chain} chain broken at seq ${problem.seq}: ${problem.message}`);
    this.name = 'AuditChainBrokenError';
  }
}

/**
 * Removes each chain's rows older than its cutoff, oldest first, and appends a checkpoint row that
 * records the removed seq range and the hash of the last removed row: the chain now starts there,
 * and `audit:verify` checks it from that hash. Safe on several replicas (the log's lock).
 * @internal exported for tests; the app runs it through auditRetentionTask.
 */
export async function applyRetention(db: Db, clock: Clock, policy: RetentionPolicy, batch = BATCH): Promise<Record<AuditChain, number>> {
  const now = clock.now();
  const cutoffs = retentionCutoffs(now, policy);
  const removed: Record<AuditChain, number> = { working_time: 0, general: 0 };
  for (const chain of AUDIT_CHAINS) {
    for (;;) {
      const n = await db.transaction((tx) => removeBatch(tx, chain, cutoffs[chain], now, batch));
      removed[chain] += n;
      if (n < batch) break;
    }
  }
  return removed;
}

async function removeBatch(tx: Executor, chain: AuditChain, cutoff: Date, now: Date, batch: number): Promise<number> {
  await auditRepo.lock(tx);
  const rows = await auditRepo.prefix(tx, chain, await auditRepo.firstSeqFrom(tx, chain, cutoff), batch);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return 0;
  // A checkpoint vouches for the rows it replaces: never for rows that were tampered with.
  const start = await chainStart(tx, chain);
  if ('problem' in start) throw new AuditChainBrokenError(start.problem);
  const walker = new ChainWalker(chain, start.hash);
  for (const row of rows) {
    const problem = walker.next(row);
    if (problem) throw new AuditChainBrokenError(problem);
  }
  // The checkpoint first, then the database removes exactly what it names (the app role has no DELETE).
  const data: CheckpointData = { removedFromSeq: first.seq, removedToSeq: last.seq, removedRows: rows.length, lastRemovedHash: last.hash, cutoff: cutoff.toISOString() };
  const checkpoint = await appendToChain(tx, { chain, at: now, kind: AUDIT_KINDS.checkpoint, data: { ...data } });
  const deleted = await auditRepo.removeCheckpointedPrefix(tx, chain, checkpoint.seq);
  if (deleted !== rows.length) throw new Error(`audit retention: expected to remove ${rows.length} rows, removed ${deleted}`);
  return rows.length;
}

/** The retention job: hourly in every replica (each run is a no-op once the old rows are gone). */
export function auditRetentionTask(deps: { db: Db; clock: Clock; policy: RetentionPolicy; logger: Logger; afterCheckpoint?: () => Promise<unknown> }): RecurringTask {
  return every(INTERVAL_SECONDS, {
    name: 'audit retention',
    run: async () => {
      try {
        const removed = await applyRetention(deps.db, deps.clock, deps.policy);
        if (removed.working_time + removed.general > 0) {
          deps.logger.info({ removed }, 'audit retention removed old rows');
          // The new checkpoints are the heads now: anchored outside the database at once.
          await deps.afterCheckpoint?.();
        }
      } catch (err) {
        if (err instanceof AuditChainBrokenError) deps.logger.error({ chain: err.problem.chain, seq: err.problem.seq, reason: err.problem.reason }, 'audit chain broken: retention stopped');
        throw err;
      }
    },
  });
}
