/**
 * The requests (G 1.3 private PC, G 1.6 paper take-out): the form cards, and their submission,
 * which opens an approval and sends the approval card to the requester's manager (or, without
 * one, to the tenant's admins) in the same transaction.
 */
import type { ActionCaller } from '../../cards/actions';
import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import type { ApprovalKind, OpenApproval } from './types';
import type { ApprovalContext } from './context';
import { checkPaper, checkPrivatePc, endOfLocalDay, paperFormView, privatePcFormView } from './forms';
import { approvalText } from './texts';
import { sendToApprovers, snapshot } from './notify';
import { approvalsRepo } from './repository';
import { approversOf } from './roles';
import { noticeView, requestCardView } from './views';

type Payload = OpenApproval['payload'];

/**
 * Opens the request and sends the approvers' cards; the requester's answered card (the form they
 * pressed) becomes the request card, which later decisions update in place.
 */
async function submit(ctx: ApprovalContext, caller: ActionCaller, kind: ApprovalKind, payload: Payload, expiresAt: Date): Promise<AdaptiveCardJson> {
  const user = caller.user;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await approvalsRepo.pendingOf(tx, user.id, kind, now);
    if (existing && kind === 'private_pc') {
      return requestCardView(await snapshot(tx, existing), { user, canDecide: false, note: approvalText(user.locale, 'pendingExists') });
    }
    const approvers = await approversOf(ctx, tx, user);
    if (!approvers.ids.length || !approvers.recipients.length) return noticeView(user.locale, 'noApproverTitle', 'noApprover');
    // Pressing submit twice on the same card opens one request.
    const key = `${kind}:${user.id}:${caller.cardActivityId ?? caller.correlationId}`;
    const request = await ctx.core.open(tx, {
      key, kind, tenantId: user.tenantId, requesterId: user.id, approverIds: approvers.ids, requesterMayApprove: false, requiredApprovals: 1, payload, expiresAt,
    });
    const s = await snapshot(tx, request);
    await sendToApprovers(ctx, tx, s, approvers.recipients); // idempotent: one card per request and recipient
    if (caller.cardActivityId) {
      await approvalsRepo.addCard(tx, request.id, { recipientId: user.id, role: 'requester', activityId: caller.cardActivityId, conversationId: caller.conversationId });
    }
    ctx.outbox.notify();
    return requestCardView(s, { user, canDecide: false });
  });
}

export function approvalRequests(ctx: ApprovalContext) {
  return {
    privatePcForm: async (user: User) => privatePcFormView(user, ctx.clock.now(), ctx.privatePcMonths),
    paperForm: async (user: User) => paperFormView(user, ctx.clock.now()),

    async submitPrivatePc(caller: ActionCaller, data: unknown): Promise<AdaptiveCardJson> {
      const now = ctx.clock.now();
      const checked = checkPrivatePc(caller.user, now, ctx.privatePcMonths, data);
      if (!checked.ok) return checked.card;
      // The approval lasts what was asked (checked: at most PRIVATE_PC_APPROVAL_MONTHS ahead).
      const validUntil = checked.value.until;
      const payload = { reason: checked.value.reason, declNonPublicLine: true, declUpdates: true, declBrowserOnly: true, validUntil };
      return submit(ctx, caller, 'private_pc', payload, endOfLocalDay(validUntil, caller.user.timeZone));
    },

    async submitPaper(caller: ActionCaller, data: unknown): Promise<AdaptiveCardJson> {
      const checked = checkPaper(caller.user, ctx.clock.now(), data);
      if (!checked.ok) return checked.card;
      const { documents, customer, until, reason } = checked.value;
      const payload = { documents, customer, until, reason: reason ?? null, customerConsent: true, noCopies: true };
      return submit(ctx, caller, 'paper_takeout', payload, endOfLocalDay(until, caller.user.timeZone));
    },
  };
}

export type ApprovalRequests = ReturnType<typeof approvalRequests>;
