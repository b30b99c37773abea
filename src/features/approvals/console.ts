import type { Locale } from '../../domain/shared/locale';
import type { Executor } from '../../store/db';
import type { ApprovalKind } from './types';
import { approvalTitle } from './views';

/** A request still waiting for a decision, as the console lists it. */
export interface PendingApproval {
  readonly id: string;
  readonly kind: ApprovalKind;
  /** The kind as the cards title it, in the reader's language. */
  readonly title: string;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly requesterUpn: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly approvals: number;
  readonly requiredApprovals: number;
}

const MAX_LISTED = 200;

/**
 * Pending, unexpired requests of the tenant's people (or a manager's direct reports), oldest first,
 * with the approvals given so far: one statement, the scope in SQL.
 */
export async function pendingApprovals(ex: Executor, scope: { tenantId: string; managerId?: string }, at: Date, locale: Locale): Promise<PendingApproval[]> {
  const r = await ex.query<{ id: string; kind: ApprovalKind; requester_id: string; name: string | null; email: string | null; created_at: Date; expires_at: Date | null; approvals: number; required_approvals: number }>(
    `select a.id, a.kind, a.requester_id, u.name, u.email, a.created_at, a.expires_at, a.required_approvals,
       (select count(*) from approval_votes v where v.request_id = a.id and v.decision = 'approve')::int as approvals
     from approval_requests a left join users u on u.id = a.requester_id and u.tenant_id = a.tenant_id
     where a.tenant_id = $1 and a.state = 'pending' and (a.expires_at is null or a.expires_at > $3)
       and ($2::text is null or u.manager_id = $2)
     order by a.created_at, a.id limit ${MAX_LISTED}`,
    [scope.tenantId, scope.managerId ?? null, at],
  );
  return r.rows.map((row) => ({
    id: row.id, kind: row.kind, title: approvalTitle(row.kind, locale), requesterId: row.requester_id, requesterName: row.name ?? '—', requesterUpn: row.email,
    createdAt: row.created_at.toISOString(), expiresAt: row.expires_at?.toISOString() ?? null, approvals: row.approvals, requiredApprovals: row.required_approvals,
  }));
}
