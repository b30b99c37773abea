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
import { noticeView, periodKey, requestCardView } from './views';
import { endOfLocalDay } from './forms';
import { isCurrentApprover } from './roles';
import type { ApprovalKind, ApprovalRequest } from './types';

/** The kinds this generic verb decides; Intune actions have their own path on the incident card. */
const GENERIC_KINDS: readonly ApprovalKind[] = ['private_pc', 'paper_takeout'];
import { formatDate } from '../../cards/format';
import { isLocalDate, localDateOf } from '../../domain/calendar';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';

export interface DecisionInput {
  readonly requestId: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
  /** The last approved day when the approver shortened the period (`YYYY-MM-DD`). */
  readonly approvedUntil?: string;
}

export async function decideRequest(ctx: ApprovalContext, caller: ActionCaller, input: DecisionInput): Promise<AdaptiveCardJson> {
  const user = caller.user;
  const card = await ctx.db.transaction(async (tx) => {
    const current = await approvalsRepo.get(tx, input.requestId);
    // Another tenant's request reads as missing, so its existence is not revealed either.
    if (!current || current.tenantId !== user.tenantId) return noticeView(user.locale, 'notFoundTitle', 'notFoundText');
    // Intune approvals are decided on the incident card (their action moves with the decision), never here.
    if (!GENERIC_KINDS.includes(current.kind)) return noticeView(user.locale, 'otherKindTitle', 'otherKindText');
    if (!mayDecide(current, user.id)) {
      ctx.logger.info({ requestId: current.id, actorId: user.id, correlationId: caller.correlationId }, 'approval decision refused: not an approver');
      return noticeView(user.locale, 'notAllowedTitle', 'notAllowedText');
    }
    if (current.state === 'pending' && !(await isCurrentApprover(ctx, tx, current, user.id))) {
      ctx.logger.info({ requestId: current.id, actorId: user.id, correlationId: caller.correlationId }, 'approval decision refused: no longer an approver');
      return noticeView(user.locale, 'noLongerApproverTitle', 'noLongerApproverText');
    }
    if (input.decision === 'reject' && !input.comment && current.state === 'pending') {
      return requestCardView(await snapshot(tx, current), { user, canDecide: true, note: approvalText(user.locale, 'rejectNeedsComment') });
    }
    if (input.decision === 'approve' && current.state === 'pending' && input.approvedUntil) {
      const refused = await shorten(ctx, tx, current, input.approvedUntil);
      if (refused) return requestCardView(await snapshot(tx, current), { user, canDecide: true, note: refused });
    }
    const out = await ctx.core.decide(tx, { id: current.id, kind: current.kind, actorId: user.id, decision: input.decision, comment: input.comment });
    if (out.kind === 'not_found') return noticeView(user.locale, 'notFoundTitle', 'notFoundText');
    if (out.kind === 'wrong_kind') return noticeView(user.locale, 'otherKindTitle', 'otherKindText');
    if (out.kind === 'not_allowed') return noticeView(user.locale, 'notAllowedTitle', 'notAllowedText');
    const after = (await approvalsRepo.get(tx, current.id)) ?? current;
    if (out.kind !== 'already_decided') await updateCards(ctx, tx, after);
    return requestCardView(await snapshot(tx, after), { user, canDecide: false });
  });
  ctx.outbox.notify();
  return card;
}

/**
 * The approver approves a shorter period than asked: the request's last day and its expiry move to
 * the chosen day (the asked one is kept as `requestedUntil`). Returns the note to show when the day
 * is not between today and the day asked (an approval is never longer than the request).
 */
async function shorten(ctx: ApprovalContext, tx: Executor, request: ApprovalRequest, approvedUntil: string): Promise<string | undefined> {
  const key = periodKey(request.kind);
  const asked = key ? request.payload[key] : undefined;
  if (!key || typeof asked !== 'string' || approvedUntil === asked) return undefined;
  const requester = await usersRepo.getInTenant(tx, request.tenantId, request.requesterId);
  const timeZone = requester?.timeZone ?? 'Asia/Tokyo';
  const today = localDateOf(ctx.clock.now(), timeZone);
  if (!isLocalDate(approvedUntil) || approvedUntil < today || approvedUntil > asked) {
    const locale = requester?.locale ?? 'ja';
    return approvalText(locale, 'errApprovedPeriod', { min: formatDate(today, locale), max: formatDate(asked, locale) });
  }
  await approvalsRepo.shortenPeriod(tx, request.id, key, approvedUntil, endOfLocalDay(approvedUntil, timeZone));
  return undefined;
}
