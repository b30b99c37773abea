import type { AdaptiveCardJson } from '../../cards/render';
import { deliveryKey } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import { APPROVAL_PURPOSE, type ApprovalContext } from './context';
import { mayDecide } from './core';
import { snapshot } from './notify';
import { approvalsRepo } from './repository';
import { approvalText } from './texts';
import { approvalActivity, approvalTitle, noticeView, requestCardView } from './views';

/** More than a screenful of cards helps nobody; the digest lists the rest. */
const MAX_SHOWN = 10;

/**
 * `承認待ち` / `pending`: the approver missed the cards (scrolled away, another device, never chatted
 * before). Every request still waiting for them comes again as its own live card: the new copy
 * becomes the one updated in place when the request changes.
 */
export async function showPending(ctx: ApprovalContext, approver: User): Promise<AdaptiveCardJson> {
  const now = ctx.clock.now();
  const pending = (await approvalsRepo.pendingFor(ctx.db, approver.id, now, MAX_SHOWN)).filter((r) => r.kind !== 'intune_action' && mayDecide(r, approver.id));
  if (!pending.length) return noticeView(approver.locale, 'pendingTitle', 'pendingNone');
  await ctx.db.transaction(async (tx) => {
    for (const request of pending) {
      const s = await snapshot(tx, request);
      if (s.votes.some((v) => v.actorId === approver.id)) continue;
      const key = deliveryKey(APPROVAL_PURPOSE, approver.id, `approval:${request.id}:shown:${now.getTime()}`);
      const summary = approvalText(approver.locale, 'notifyRequest', { name: s.requester?.name ?? '—', title: approvalTitle(request.kind, approver.locale) });
      const card = requestCardView(s, { user: approver, canDecide: true });
      await ctx.outbox.enqueue(tx, { key, tenantId: request.tenantId, batchId: `approval:${request.id}`, purpose: APPROVAL_PURPOSE, recipientId: approver.id, activity: approvalActivity(card, summary) });
      await approvalsRepo.addCard(tx, request.id, { recipientId: approver.id, role: 'approver', deliveryKey: key });
    }
  });
  ctx.outbox.notify();
  return noticeView(approver.locale, 'pendingTitle', 'pendingSome', { n: pending.length });
}
