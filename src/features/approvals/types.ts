/** The approvals core's data types, shared by the core and its repository. */
export type ApprovalKind = 'private_pc' | 'paper_takeout' | 'intune_action';
export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface OpenApproval {
  /** Idempotency key: opening twice with the same key returns the same request. */
  readonly key: string;
  readonly kind: ApprovalKind;
  readonly tenantId: string;
  /** users.id (aad object id) of who asked. */
  readonly requesterId: string;
  /** Who may decide (manager(s) + admins; or the security team). */
  readonly approverIds: readonly string[];
  /** false = four-eyes: the requester's own approve is refused. */
  readonly requesterMayApprove: boolean;
  /** Approvals needed (1 = one other person). */
  readonly requiredApprovals: number;
  /** e.g. an incident id. */
  readonly subjectId?: string;
  /** Shown on cards. */
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
  readonly expiresAt?: Date;
}

export interface ApprovalRequest extends OpenApproval {
  readonly id: string;
  readonly state: ApprovalState;
  readonly createdAt: Date;
  readonly decidedAt?: Date;
}

export type DecideOutcome =
  /** THIS decision completed the approval (returned to exactly one caller, ever). */
  | { readonly kind: 'approved'; readonly request: ApprovalRequest }
  /** THIS decision rejected it. */
  | { readonly kind: 'rejected'; readonly request: ApprovalRequest }
  /** Counted, more approvals needed. */
  | { readonly kind: 'recorded'; readonly request: ApprovalRequest }
  /** Pressed twice / someone else decided first: nothing changed. */
  | { readonly kind: 'already_decided'; readonly request: ApprovalRequest }
  /** Actor not an approver, or the requester under four-eyes. */
  | { readonly kind: 'not_allowed' }
  | { readonly kind: 'expired' }
  /** The request is of another kind than the decision path's (decided elsewhere): nothing changed. */
  | { readonly kind: 'wrong_kind' }
  | { readonly kind: 'not_found' };
