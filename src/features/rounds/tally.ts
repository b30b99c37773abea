import { batchStatus, reachedRecipients } from '../../delivery/status';
import type { Executor } from '../../store/db';
import { tallyRepo } from './tally-repository';
import type { RecipientRow } from './repository';
import type { PendingRecipient, Tally } from './types';

/** The outbox batch of a round's safety cards; its admins', managers' and alert cards use sub-batches. */
export const roundBatch = (roundId: string) => `round:${roundId}`;

/** The round whose safety cards a batch holds (not its admins', managers' or alert sub-batches). */
export const roundOfBatch = (batchId: string | null): string | undefined => /^round:([^:]+)$/.exec(batchId ?? '')?.[1];

/** Live counts of a round: by latest status, by department, and the delivery engine's figures. */
export async function computeTally(ex: Executor, roundId: string): Promise<Tally> {
  const counts = await tallyRepo.statusCounts(ex, roundId);
  const n = (k: string) => counts.find((r) => r.key === k)?.n ?? 0;
  const byStatus = {
    safe: n('safe'),
    minor_injury: n('minor_injury'),
    serious_injury: n('serious_injury'),
    needs_help: n('needs_help'),
    reached_safe: n('reached_safe'),
    reached_injured: n('reached_injured'),
    unreachable: n('unreachable'),
  };
  const total = counts.reduce((a, r) => a + r.n, 0);
  const pending = n('pending') + byStatus.unreachable;
  return {
    total,
    answered: total - pending,
    pending,
    byStatus,
    byDepartment: await tallyRepo.departmentCounts(ex, roundId),
    delivery: await batchStatus(ex, roundBatch(roundId)),
  };
}

/**
 * Who has not answered, split by whether any of the round's cards reached them: "never got the card"
 * (blocked, gone, not installed, still queued) calls for another channel, "got it, no answer" for a
 * phone call. Those never reached come first.
 */
export async function withDelivery(ex: Executor, roundId: string, pending: readonly RecipientRow[]): Promise<PendingRecipient[]> {
  const reached = await reachedRecipients(ex, roundBatch(roundId), pending.map((p) => p.user_id));
  const rows = pending.map((p) => ({ ...p, delivered: reached.has(p.user_id) }));
  return [...rows.filter((p) => !p.delivered), ...rows.filter((p) => p.delivered)];
}
