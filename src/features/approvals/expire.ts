/**
 * Requests nobody decided in time: the sweep marks them expired and updates their cards in place,
 * so no approver is left with buttons that can no longer work. Every replica may run it: each
 * request is locked and checked again before it changes, and the card updates have idempotency keys.
 */
import { AUDIT_KINDS } from '../../audit/kinds';
import type { ApprovalContext } from './context';
import { updateCards } from './notify';
import { approvalsRepo } from './repository';

const BATCH = 100;

export async function expireDue(ctx: ApprovalContext): Promise<number> {
  const now = ctx.clock.now();
  let expired = 0;
  for (const id of await approvalsRepo.pendingExpired(ctx.db, now, BATCH)) {
    expired += await ctx.db.transaction(async (tx) => {
      const r = await approvalsRepo.get(tx, id, true);
      if (!r || r.state !== 'pending' || !r.expiresAt || r.expiresAt.getTime() > now.getTime()) return 0;
      await approvalsRepo.setState(tx, id, 'expired', null);
      await updateCards(ctx, tx, { ...r, state: 'expired' });
      await ctx.audit.append(tx, {
        kind: AUDIT_KINDS.approvalDecided, tenantId: r.tenantId, subjectId: r.id, data: { approvalKind: r.kind, requesterId: r.requesterId, outcome: 'expired' },
      });
      return 1;
    });
  }
  if (expired) ctx.outbox.notify();
  return expired;
}
