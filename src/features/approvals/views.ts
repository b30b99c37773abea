import { formatDate, formatDateTime } from '../../cards/format';
import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import type { Fact } from '../../cards/types';
import { localDateOf } from '../../domain/calendar';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import type { ApprovalCardData, ApprovalDecisionCardData } from './card-data';
import type { ApprovalKind, ApprovalRequest } from './types';
import { APPROVAL_TEXTS, approvalText, type ApprovalTextKey } from './texts';
import type { ApprovalVote } from './repository';

/**
 * Renders cards/approval-*.json with the approval strings (the forms, the request card, the test card catalog).
 */
export const renderApprovalCard = cardRenderer<ApprovalCardData>(APPROVAL_TEXTS);

const TITLES: Readonly<Record<ApprovalKind, ApprovalTextKey>> = {
  private_pc: 'titlePrivatePc',
  paper_takeout: 'titlePaper',
  intune_action: 'titleIntune',
};

export const approvalTitle = (kind: ApprovalKind, locale: Locale): string => approvalText(locale, TITLES[kind]);

/** Who the card is for and what they may do on it. */
export interface DecisionViewer {
  readonly user: User;
  readonly canDecide: boolean;
  readonly note?: string;
}

/** The payload field holding the last day a request of this kind asks for (the approver may shorten it). */
export function periodKey(kind: ApprovalRequest['kind']): 'validUntil' | 'until' | undefined {
  return kind === 'private_pc' ? 'validUntil' : kind === 'paper_takeout' ? 'until' : undefined;
}

/** Everything a request card shows: the request, its votes and the names of the people involved. */
export interface RequestSnapshot {
  readonly request: ApprovalRequest;
  readonly votes: readonly ApprovalVote[];
  readonly requester?: Pick<User, 'name' | 'department'>;
  /** Names of the approvers and voters, by id. */
  readonly names: ReadonlyMap<string, string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function payloadFacts(request: ApprovalRequest, locale: Locale): Fact[] {
  const p = request.payload;
  const facts: [ApprovalTextKey, string | undefined][] =
    request.kind === 'paper_takeout'
      ? [['factDocuments', str(p['documents'])], ['factCustomer', str(p['customer'])], ['factUntil', str(p['until']) && formatDate(String(p['until']), locale)], ['factReason', str(p['reason'])]]
      : request.kind === 'private_pc'
        ? [['factReason', str(p['reason'])], ['factValidUntil', str(p['validUntil']) && formatDate(String(p['validUntil']), locale)]]
        : [];
  // Shortened by the approver: what was asked stays visible next to what was approved.
  if (str(p['requestedUntil'])) facts.push(['factRequestedUntil', formatDate(String(p['requestedUntil']), locale)]);
  const known = facts.filter((f): f is [ApprovalTextKey, string] => f[1] !== undefined).map(([k, v]) => ({ title: approvalText(locale, k), value: v }));
  // Other kinds (Intune actions) show their payload as it is.
  const other = request.kind === 'intune_action' ? Object.entries(p).filter(([, v]) => v !== null).map(([k, v]) => ({ title: k, value: String(v) })) : [];
  return [...known, ...other];
}

function declarations(request: ApprovalRequest, locale: Locale): string[] | undefined {
  const strings = APPROVAL_TEXTS[locale];
  const p = request.payload;
  const ticked =
    request.kind === 'private_pc'
      ? [p['declNonPublicLine'] === true && strings.privatePc.declNonPublicLine, p['declUpdates'] === true && strings.privatePc.declUpdates, p['declBrowserOnly'] === true && strings.privatePc.declBrowserOnly]
      : request.kind === 'paper_takeout'
        ? [p['customerConsent'] === true && approvalText(locale, 'customerConsent'), p['noCopies'] === true && approvalText(locale, 'noCopies')]
        : [];
  const list = ticked.filter((d): d is string => typeof d === 'string');
  return list.length ? list : undefined;
}

function stateLine(snapshot: RequestSnapshot, viewer: User): Pick<ApprovalDecisionCardData, 'stateText' | 'stateStyle'> {
  const locale = viewer.locale;
  const { request } = snapshot;
  const deciding = [...snapshot.votes].reverse().find((v) => v.decision === (request.state === 'rejected' ? 'reject' : 'approve'));
  const who = { name: deciding ? (snapshot.names.get(deciding.actorId) ?? '—') : '—', at: request.decidedAt ? formatDateTime(request.decidedAt, locale, viewer.timeZone) : '—' };
  switch (request.state) {
    case 'approved':
      return { stateText: approvalText(locale, 'stateApproved', who), stateStyle: 'good' };
    case 'rejected':
      return { stateText: approvalText(locale, 'stateRejected', who), stateStyle: 'attention' };
    case 'expired':
      return { stateText: approvalText(locale, 'stateExpired'), stateStyle: 'default' };
    case 'cancelled':
      return { stateText: approvalText(locale, 'stateCancelled'), stateStyle: 'default' };
    default:
      return { stateText: approvalText(locale, 'statePending'), stateStyle: 'warning' };
  }
}

/** The approver's date input: from the day it was asked up to the last day asked for (shortening only). */
function periodOf(request: ApprovalRequest, viewer: DecisionViewer): Pick<ApprovalDecisionCardData, 'period'> {
  const key = periodKey(request.kind);
  const asked = key ? str(request.payload[key]) : undefined;
  if (!asked || !viewer.canDecide || request.state !== 'pending') return {};
  return { period: { min: localDateOf(request.createdAt, viewer.user.timeZone), max: asked } };
}

/** The request as an approver (with buttons while pending and allowed) or the requester sees it. */
export function requestCardView(snapshot: RequestSnapshot, viewer: DecisionViewer): AdaptiveCardJson {
  const locale = viewer.user.locale;
  const { request } = snapshot;
  const isRequester = viewer.user.id === request.requesterId;
  const approvers = request.approverIds.filter((id) => id !== request.requesterId || request.requesterMayApprove).map((id) => snapshot.names.get(id) ?? id);
  const summary = isRequester
    ? approvalText(locale, 'summaryRequester', { approvers: approvers.join(', ') || '—' })
    : approvalText(locale, 'summaryApprover', {
      name: snapshot.requester?.name ?? request.requesterId,
      dept: snapshot.requester?.department ? (locale === 'ja' ? `（${snapshot.requester.department}）` : ` (${snapshot.requester.department})`) : '',
    });
  const comments = snapshot.votes.filter((v) => v.comment).map((v) => ({ title: snapshot.names.get(v.actorId) ?? '—', value: v.comment as string }));
  const data: ApprovalDecisionCardData = {
    requestId: request.id,
    title: approvalTitle(request.kind, locale),
    summary,
    facts: [{ title: approvalText(locale, 'factRequestedAt'), value: formatDateTime(request.createdAt, locale, viewer.user.timeZone) }, ...payloadFacts(request, locale)],
    declarations: declarations(request, locale),
    comments: comments.length ? comments : undefined,
    ...stateLine(snapshot, viewer.user),
    canDecide: viewer.canDecide && request.state === 'pending',
    ...periodOf(request, viewer),
    note: viewer.note,
  };
  return renderApprovalCard('approval-decision', data, locale);
}

/** A short notice in the user's language (refusals, "not found"). */
export function noticeView(locale: Locale, title: ApprovalTextKey, text: ApprovalTextKey, values: Readonly<Record<string, string | number>> = {}): AdaptiveCardJson {
  return renderCommonCard('notice', { title: approvalText(locale, title), text: approvalText(locale, text, values) }, locale);
}

/** The proactive message of a card: the card and the text Teams shows in the notification. */
export function approvalActivity(card: AdaptiveCardJson, summary?: string): Record<string, unknown> {
  return cardMessage(card, summary);
}
