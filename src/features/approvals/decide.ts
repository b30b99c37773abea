/**
 * An approver presses approve or reject on a request card. Only the requester's manager or an
 * admin (the request's approvers) may: anyone else gets a clear refusal and nothing changes. A
 * decision updates every card about the request in place and tells the requester.
 */
import type { ActionCaller } from '../../cards/actions';
import type { AdaptiveCardJson } from '../../cards/render';
import { mayDecide } from './core';
import type { ApprovalContext } from './context';
import { approvalText } from './texts';
import { snapshot, updateCards } from './notify';
import { approvalsRepo } from './repository';
import { noticeView, requestCardView } from './views';

export interface DecisionInput {
  readonly requestId: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
}

export async function decideRequest(ctx: ApprovalContext, caller: ActionCaller, input: DecisionInput): Promise<AdaptiveCardJson> {
  const user = caller.user;
  const card = await ctx.db.transaction(async (tx) => {
    const current = await approvalsRepo.get(tx, input.requestId);
    // Another tenant's request reads as missing, so its existence is not revealed either.
    if (!current || current.tenantId !== user.tenantId) return noticeView(user.locale, 'notFoundTitle', 'notFoundText');
    if (!mayDecide(current, user.id)) {
      ctx.logger.info({ requestId: current.id, actorId: user.id, correlationId: caller.correlationId }, 'approval decision refused: not an approver');
      return noticeView(user.locale, 'notAllowedTitle', 'notAllowedText');
    }
    if (input.decision === 'reject' && !input.comment && current.state === 'pending') {
      return requestCardView(await snapshot(tx, current), { user, canDecide: true, note: approvalText(user.locale, 'rejectNeedsComment') });
    }
    const out = await ctx.core.decide(tx, { id: current.id, actorId: user.id, decision: input.decision, comment: input.comment });
    if (out.kind === 'not_found') return noticeView(user.locale, 'notFoundTitle', 'notFoundText');
    if (out.kind === 'not_allowed') return noticeView(user.locale, 'notAllowedTitle', 'notAllowedText');
    const after = (await approvalsRepo.get(tx, current.id)) ?? current;
    if (out.kind !== 'already_decided') await updateCards(ctx, tx, after);
    return requestCardView(await snapshot(tx, after), { user, canDecide: false });
  });
  ctx.outbox.notify();
  return card;
}
