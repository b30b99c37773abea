import type { Executor } from '../store/db';
import type { FailureReason } from './policy';

/** What admins see for a batch (a round, a day's check-in cards): nothing is ever "stuck" unseen. */
export interface BatchStatus {
  readonly total: number;
  readonly queued: number;
  readonly inFlight: number;
  readonly retrying: number;
  readonly sent: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly failedByReason: Partial<Record<FailureReason, number>>;
  readonly firstSentAt?: Date;
  readonly lastSentAt?: Date;
}

export async function batchStatus(ex: Executor, batchId: string): Promise<BatchStatus> {
  const r = await ex.query<{ status: string; reason: FailureReason | null; n: number; first_sent: Date | null; last_sent: Date | null }>(
    `select status, failure_reason as reason, count(*)::int as n, min(sent_at) as first_sent, max(sent_at) as last_sent
     from deliveries where batch_id = $1 group by status, failure_reason`,
    [batchId],
  );
  const count = (...statuses: string[]) => r.rows.filter((x) => statuses.includes(x.status)).reduce((a, x) => a + x.n, 0);
  const failedByReason: Partial<Record<FailureReason, number>> = {};
  for (const x of r.rows) if (x.status === 'failed' && x.reason) failedByReason[x.reason] = (failedByReason[x.reason] ?? 0) + x.n;
  const sentRows = r.rows.filter((x) => x.status === 'sent');
  return {
    total: r.rows.reduce((a, x) => a + x.n, 0),
    queued: count('queued'),
    inFlight: count('claimed', 'sending'),
    retrying: count('retrying'),
    sent: count('sent'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    failedByReason,
    firstSentAt: sentRows[0]?.first_sent ?? undefined,
    lastSentAt: sentRows[0]?.last_sent ?? undefined,
  };
}

/** Of these recipients, the ones a card of the batch reached (a sent row): the rest never got one. */
export async function reachedRecipients(ex: Executor, batchId: string, recipientIds: readonly string[]): Promise<Set<string>> {
  if (!recipientIds.length) return new Set();
  const r = await ex.query<{ recipient_id: string }>(
    `select distinct recipient_id from deliveries where batch_id = $1 and status = 'sent' and recipient_id = any($2::text[])`,
    [batchId, recipientIds],
  );
  return new Set(r.rows.map((row) => row.recipient_id));
}

/** Deliveries not yet in a final state, across all batches (used to wait for a fan-out to finish). */
export async function pendingCount(ex: Executor): Promise<number> {
  const r = await ex.query<{ n: number }>(`select count(*)::int as n from deliveries where status in ('queued', 'claimed', 'sending', 'retrying')`);
  return r.rows[0]?.n ?? 0;
}
