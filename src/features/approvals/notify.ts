/**
 * Where approval cards go: the approvers' cards when a request is opened, and the in-place update
 * of every card about a request (approvers' and the requester's) when it changes, all through the
 * outbox inside the transaction that changed the request.
 */
import { deliveryKey } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { mayDecide } from './core';
import type { ApprovalRequest } from './types';
import { APPROVAL_PURPOSE, type ApprovalContext } from './context';
import { approvalText } from './texts';
import { approvalsRepo } from './repository';
import { approvalActivity, approvalTitle, requestCardView, type RequestSnapshot } from './views';

const batchOf = (r: ApprovalRequest) => `approval:${r.id}`;

/** The request with its votes and the names its cards show. */
export async function snapshot(ex: Executor, request: ApprovalRequest): Promise<RequestSnapshot> {
  const votes = await approvalsRepo.votes(ex, request.id);
  const ids = [...new Set([request.requesterId, ...request.approverIds, ...votes.map((v) => v.actorId)])];
  const names = await usersRepo.namesInTenant(ex, request.tenantId, ids);
  const requester = await usersRepo.getInTenant(ex, request.tenantId, request.requesterId);
  return { request, votes, names, requester };
}

/** Sends each recipient (approvers who get the card) the request card, and remembers where it went. */
export async function sendToApprovers(ctx: ApprovalContext, tx: Executor, snapshot: RequestSnapshot, recipients: readonly User[]): Promise<void> {
  const { request } = snapshot;
  for (const to of recipients) {
    const key = deliveryKey(APPROVAL_PURPOSE, to.id, `${batchOf(request)}:request`);
    const summary = approvalText(to.locale, 'notifyRequest', { name: snapshot.requester?.name ?? '—', title: approvalTitle(request.kind, to.locale) });
    const card = requestCardView(snapshot, { user: to, canDecide: mayDecide(request, to.id) });
    await ctx.outbox.enqueue(tx, { key, tenantId: request.tenantId, batchId: batchOf(request), purpose: APPROVAL_PURPOSE, recipientId: to.id, activity: approvalActivity(card, summary) });
    await approvalsRepo.addCard(tx, request.id, { recipientId: to.id, role: 'approver', deliveryKey: key });
  }
}

/**
 * Updates every card about the request in place (version: the state and the number of votes, so
 * each change is its own delivery), and tells the requester in a new message once it is decided.
 */
export async function updateCards(ctx: ApprovalContext, tx: Executor, request: ApprovalRequest): Promise<void> {
  const s = await snapshot(tx, request);
  const version = `${request.state}:${s.votes.length}`;
  for (const c of await approvalsRepo.cards(tx, request.id)) {
    const user = await usersRepo.getInTenant(tx, request.tenantId, c.recipientId);
    if (!user) continue;
    const target = c.deliveryKey ? { updateOf: c.deliveryKey } : c.activityId ? { targetActivityId: c.activityId } : undefined;
    if (!target) continue;
    const canDecide = c.role === 'approver' && mayDecide(request, user.id) && !s.votes.some((v) => v.actorId === user.id);
    await ctx.outbox.enqueueUpdate(tx, {
      key: deliveryKey(APPROVAL_PURPOSE, user.id, `${batchOf(request)}:${c.role}:v${version}`),
      tenantId: request.tenantId,
      batchId: batchOf(request),
      purpose: APPROVAL_PURPOSE,
      recipientId: user.id,
      activity: approvalActivity(requestCardView(s, { user, canDecide })),
      ...target,
    });
  }
  if (request.state !== 'approved' && request.state !== 'rejected') return;
  const requester = await usersRepo.getInTenant(tx, request.tenantId, request.requesterId);
  if (!requester) return;
  const summary = approvalText(requester.locale, request.state === 'approved' ? 'notifyApproved' : 'notifyRejected', { title: approvalTitle(request.kind, requester.locale) });
  await ctx.outbox.enqueueFor(tx, {
    purpose: APPROVAL_PURPOSE,
    to: requester,
    subject: `${batchOf(request)}:decided`,
    batchId: batchOf(request),
    activity: { ...approvalActivity(requestCardView(s, { user: requester, canDecide: false }), summary), text: summary },
  });
}
