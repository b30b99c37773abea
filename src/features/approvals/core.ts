/**
 * The one approval mechanism (`ApprovalsCore`, exported by index.ts): private-PC and paper take-out requests, and Intune
 * actions that need a second person. Requests are opened and decided inside the caller's
 * transaction, so the cards and jobs that follow a decision commit with it.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditLog } from '../../audit/log';
import type { Clock } from '../../domain/shared/clock';
import type { Db, Executor } from '../../store/db';
import { approvalsRepo } from './repository';
import type { ApprovalKind, ApprovalRequest, DecideOutcome, OpenApproval } from './types';

export interface DecideInput {
  readonly id: string;
  /** The kind this decision path decides: a request of another kind is refused (one decision path per kind). */
  readonly kind: ApprovalKind;
  readonly actorId: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
}

export interface ApprovalsCore {
  /** In the caller's transaction (so the caller's cards/jobs commit with it). */
  open(tx: Executor, input: OpenApproval): Promise<ApprovalRequest>;
  /** Locks the request row (select ... for update), so two simultaneous approvals yield ONE 'approved'. */
  decide(tx: Executor, input: DecideInput): Promise<DecideOutcome>;
  /** A pending request ends without a decision (its subject went away, e.g. the incident was closed); false when not pending. */
  cancel(tx: Executor, id: string, actorId: string, reason: string): Promise<boolean>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /** The active (approved, not expired) request of a kind for a user at a time, if any. */
  activeFor(userId: string, kind: ApprovalKind, at: Date): Promise<ApprovalRequest | undefined>;
}

/** May this person decide the request at all (before looking at its state)? */
export function mayDecide(request: ApprovalRequest, actorId: string): boolean {
  if (actorId === request.requesterId && !request.requesterMayApprove) return false;
  return request.approverIds.includes(actorId);
}

export function createApprovalsCore(deps: { db: Db; clock: Clock; audit: AuditLog }): ApprovalsCore {
  const audit = (tx: Executor, request: ApprovalRequest, actorId: string, data: Record<string, string | number | boolean>) =>
    deps.audit.append(tx, {
      kind: AUDIT_KINDS.approvalDecided,
      tenantId: request.tenantId,
      actorId,
      subjectId: request.id,
      data: { approvalKind: request.kind, requesterId: request.requesterId, ...(request.subjectId ? { subjectId: request.subjectId } : {}), ...data },
    });

  return {
    async open(tx, input) {
      if (!Number.isInteger(input.requiredApprovals) || input.requiredApprovals < 1) throw new Error('requiredApprovals must be a positive integer');
      const at = deps.clock.now();
      const id = randomUUID();
      const request = await approvalsRepo.insert(tx, id, input, at);
      if (request.id === id) {
        await deps.audit.append(tx, {
          kind: AUDIT_KINDS.approvalRequested,
          tenantId: request.tenantId,
          actorId: request.requesterId,
          subjectId: request.id,
          data: {
            approvalKind: request.kind,
            approvers: request.approverIds.length,
            requiredApprovals: request.requiredApprovals,
            ...(request.subjectId ? { subjectId: request.subjectId } : {}),
            ...(request.expiresAt ? { expiresAt: request.expiresAt.toISOString() } : {}),
          },
        });
      }
      return request;
    },

    async decide(tx, input) {
      const request = await approvalsRepo.get(tx, input.id, true);
      if (!request) return { kind: 'not_found' };
      if (request.kind !== input.kind) return { kind: 'wrong_kind' };
      if (!mayDecide(request, input.actorId)) return { kind: 'not_allowed' };
      if (request.state === 'expired') return { kind: 'expired' };
      if (request.state !== 'pending') return { kind: 'already_decided', request };
      const now = deps.clock.now();
      if (request.expiresAt && request.expiresAt.getTime() <= now.getTime()) {
        await approvalsRepo.setState(tx, request.id, 'expired', null);
        await audit(tx, request, input.actorId, { decision: input.decision, outcome: 'expired' });
        return { kind: 'expired' };
      }
      const counted = await approvalsRepo.vote(tx, request.id, { actorId: input.actorId, decision: input.decision, comment: input.comment, decidedAt: now });
      if (!counted) return { kind: 'already_decided', request };
      if (input.decision === 'reject') {
        await approvalsRepo.setState(tx, request.id, 'rejected', now);
        await audit(tx, request, input.actorId, { decision: 'reject', outcome: 'rejected' });
        return { kind: 'rejected', request: { ...request, state: 'rejected', decidedAt: now } };
      }
      const approvals = await approvalsRepo.approvals(tx, request.id);
      if (approvals < request.requiredApprovals) {
        await audit(tx, request, input.actorId, { decision: 'approve', outcome: 'recorded', approvals });
        return { kind: 'recorded', request };
      }
      await approvalsRepo.setState(tx, request.id, 'approved', now);
      await audit(tx, request, input.actorId, { decision: 'approve', outcome: 'approved', approvals });
      return { kind: 'approved', request: { ...request, state: 'approved', decidedAt: now } };
    },

    async cancel(tx, id, actorId, reason) {
      const request = await approvalsRepo.get(tx, id, true);
      if (!request || request.state !== 'pending') return false;
      await approvalsRepo.setState(tx, id, 'cancelled', deps.clock.now());
      await audit(tx, request, actorId, { outcome: 'cancelled', reason });
      return true;
    },

    get: (id) => approvalsRepo.get(deps.db, id),
    activeFor: (userId, kind, at) => approvalsRepo.active(deps.db, userId, kind, at),
  };
}
