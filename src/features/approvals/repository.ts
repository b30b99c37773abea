import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { Roles } from '../../store/roles';
import type { ApprovalKind, ApprovalRequest, ApprovalState, OpenApproval } from './types';

interface RequestRow {
  id: string;
  idempotency_key: string;
  kind: ApprovalKind;
  tenant_id: string;
  requester_id: string;
  approver_ids: string[];
  requester_may_approve: boolean;
  required_approvals: number;
  subject_id: string | null;
  payload: Record<string, string | number | boolean | null>;
  state: ApprovalState;
  expires_at: Date | null;
  created_at: Date;
  decided_at: Date | null;
}

const toRequest = (row: RequestRow): ApprovalRequest => ({
  id: row.id,
  key: row.idempotency_key,
  kind: row.kind,
  tenantId: row.tenant_id,
  requesterId: row.requester_id,
  approverIds: row.approver_ids,
  requesterMayApprove: row.requester_may_approve,
  requiredApprovals: row.required_approvals,
  ...(row.subject_id === null ? {} : { subjectId: row.subject_id }),
  payload: row.payload,
  state: row.state,
  ...(row.expires_at === null ? {} : { expiresAt: new Date(row.expires_at) }),
  createdAt: new Date(row.created_at),
  ...(row.decided_at === null ? {} : { decidedAt: new Date(row.decided_at) }),
});

export interface ApprovalVote {
  readonly actorId: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
  readonly decidedAt: Date;
}

export interface ApprovalCardRef {
  readonly recipientId: string;
  readonly role: 'approver' | 'requester';
  readonly deliveryKey?: string;
  readonly activityId?: string;
  readonly conversationId?: string;
}

/** All SQL of the approvals feature. */
export const approvalsRepo = {
  /** Inserts the request unless its key exists; returns the stored one either way. */
  async insert(ex: Executor, id: string, input: OpenApproval, at: Date): Promise<ApprovalRequest> {
    const r = await ex.query<RequestRow>(
      `insert into approval_requests (id, idempotency_key, kind, tenant_id, requester_id, approver_ids, requester_may_approve,
         required_approvals, subject_id, payload, expires_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (idempotency_key) do nothing returning *`,
      [id, input.key, input.kind, input.tenantId, input.requesterId, JSON.stringify(input.approverIds), input.requesterMayApprove,
        input.requiredApprovals, input.subjectId ?? null, JSON.stringify(input.payload), input.expiresAt ?? null, at],
    );
    if (r.rows[0]) return toRequest(r.rows[0]);
    const existing = await ex.query<RequestRow>('select * from approval_requests where idempotency_key = $1', [input.key]);
    return toRequest(existing.rows[0] as RequestRow);
  },

  async get(ex: Executor, id: string, lock = false): Promise<ApprovalRequest | undefined> {
    const r = await ex.query<RequestRow>(`select * from approval_requests where id = $1${lock ? ' for update' : ''}`, [id]);
    return r.rows[0] ? toRequest(r.rows[0]) : undefined;
  },

  async setState(ex: Executor, id: string, state: ApprovalState, decidedAt: Date | null): Promise<void> {
    await ex.query('update approval_requests set state = $2, decided_at = coalesce($3, decided_at) where id = $1', [id, state, decidedAt]);
  },

  /** Records a vote; false when this person had already voted. */
  async vote(ex: Executor, id: string, vote: ApprovalVote): Promise<boolean> {
    const r = await ex.query(
      `insert into approval_votes (request_id, actor_id, decision, comment, decided_at) values ($1, $2, $3, $4, $5)
       on conflict (request_id, actor_id) do nothing returning request_id`,
      [id, vote.actorId, vote.decision, vote.comment ?? null, vote.decidedAt],
    );
    return r.rows.length > 0;
  },

  async approvals(ex: Executor, id: string): Promise<number> {
    const r = await ex.query<{ n: number }>(`select count(*)::int as n from approval_votes where request_id = $1 and decision = 'approve'`, [id]);
    return r.rows[0]?.n ?? 0;
  },

  async votes(ex: Executor, id: string): Promise<ApprovalVote[]> {
    const r = await ex.query<{ actor_id: string; decision: 'approve' | 'reject'; comment: string | null; decided_at: Date }>(
      'select actor_id, decision, comment, decided_at from approval_votes where request_id = $1 order by decided_at, actor_id',
      [id],
    );
    return r.rows.map((v) => ({ actorId: v.actor_id, decision: v.decision, ...(v.comment === null ? {} : { comment: v.comment }), decidedAt: new Date(v.decided_at) }));
  },

  async active(ex: Executor, userId: string, kind: ApprovalKind, at: Date): Promise<ApprovalRequest | undefined> {
    const r = await ex.query<RequestRow>(
      `select * from approval_requests
       where requester_id = $1 and kind = $2 and state = 'approved' and decided_at <= $3 and (expires_at is null or expires_at > $3)
       order by decided_at desc limit 1`,
      [userId, kind, at],
    );
    return r.rows[0] ? toRequest(r.rows[0]) : undefined;
  },

  /** Requests still waiting for a decision the person may take, oldest first (the digests). */
  async pendingFor(ex: Executor, approverId: string, at: Date, limit: number): Promise<ApprovalRequest[]> {
    const r = await ex.query<RequestRow>(
      `select * from approval_requests
       where state = 'pending' and approver_ids @> jsonb_build_array($1::text) and requester_id <> $1 and (expires_at is null or expires_at > $2)
       order by created_at limit $3`,
      [approverId, at, limit],
    );
    return r.rows.map(toRequest);
  },

  /** Pending requests of a tenant, of the given requesters only when given, oldest first. */
  async pendingInTenant(ex: Executor, tenantId: string, requesterIds: readonly string[] | undefined, at: Date, limit: number): Promise<{ rows: ApprovalRequest[]; total: number }> {
    const r = await ex.query<RequestRow & { total: number }>(
      `select *, count(*) over ()::int as total from approval_requests
       where tenant_id = $1 and state = 'pending' and ($2::text[] is null or requester_id = any($2::text[])) and (expires_at is null or expires_at > $3)
       order by created_at limit $4`,
      [tenantId, requesterIds ?? null, at, limit],
    );
    return { rows: r.rows.map(toRequest), total: r.rows[0]?.total ?? 0 };
  },

  /** Pending requests whose time ran out (the expiry sweep), oldest first. */
  async pendingExpired(ex: Executor, at: Date, limit: number): Promise<string[]> {
    const r = await ex.query<{ id: string }>(
      `select id from approval_requests where state = 'pending' and expires_at <= $1 order by expires_at limit $2`,
      [at, limit],
    );
    return r.rows.map((x) => x.id);
  },

  /** The pending request of a kind a person already has, if any. */
  async pendingOf(ex: Executor, userId: string, kind: ApprovalKind, at: Date): Promise<ApprovalRequest | undefined> {
    const r = await ex.query<RequestRow>(
      `select * from approval_requests where requester_id = $1 and kind = $2 and state = 'pending' and (expires_at is null or expires_at > $3)
       order by created_at desc limit 1`,
      [userId, kind, at],
    );
    return r.rows[0] ? toRequest(r.rows[0]) : undefined;
  },

  /** The approver shortened the period: the payload's last day and the expiry move, the day asked is kept. */
  async shortenPeriod(ex: Executor, id: string, key: string, until: string, expiresAt: Date): Promise<void> {
    await ex.query(
      `update approval_requests set payload = payload || jsonb_build_object($2::text, $3::text, 'requestedUntil', payload -> $2), expires_at = $4
       where id = $1 and state = 'pending'`,
      [id, key, until, expiresAt],
    );
  },

  /** Someone who approves requests: an admin, a manager (someone active reports to them), or named on a pending request. */
  async isApprover(ex: Executor, user: Pick<User, 'id' | 'tenantId' | 'isAdmin'>, roles: Pick<Roles, 'isAdmin'>): Promise<boolean> {
    if (roles.isAdmin(user)) return true;
    const r = await ex.query(
      `select 1 where exists (select 1 from users where tenant_id = $1 and manager_id = $2 and active)
         or exists (select 1 from approval_requests where tenant_id = $1 and state = 'pending' and approver_ids @> jsonb_build_array($2::text))`,
      [user.tenantId, user.id],
    );
    return r.rows.length > 0;
  },

  async addCard(ex: Executor, requestId: string, card: ApprovalCardRef): Promise<void> {
    await ex.query(
      `insert into approval_cards (request_id, recipient_id, role, delivery_key, activity_id, conversation_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (request_id, recipient_id, role) do update set
         delivery_key = coalesce(excluded.delivery_key, approval_cards.delivery_key),
         activity_id = coalesce(excluded.activity_id, approval_cards.activity_id),
         conversation_id = coalesce(excluded.conversation_id, approval_cards.conversation_id)`,
      [requestId, card.recipientId, card.role, card.deliveryKey ?? null, card.activityId ?? null, card.conversationId ?? null],
    );
  },

  async cards(ex: Executor, requestId: string): Promise<ApprovalCardRef[]> {
    const r = await ex.query<{ recipient_id: string; role: 'approver' | 'requester'; delivery_key: string | null; activity_id: string | null; conversation_id: string | null }>(
      'select * from approval_cards where request_id = $1 order by role, recipient_id',
      [requestId],
    );
    return r.rows.map((row) => ({
      recipientId: row.recipient_id,
      role: row.role,
      ...(row.delivery_key === null ? {} : { deliveryKey: row.delivery_key }),
      ...(row.activity_id === null ? {} : { activityId: row.activity_id }),
      ...(row.conversation_id === null ? {} : { conversationId: row.conversation_id }),
    }));
  },

  /**
   * Retention (RETENTION_APPROVAL_PAYLOADS_DAYS, issue 18): what was asked for (the payload, which may
   * hold the requester's reason) and the approvers' comments are cleared on requests decided before
   * `before` that are no longer in force; kind, people, states and times stay.
   */
  async redactDecided(ex: Executor, before: Date, limit: number): Promise<number> {
    const r = await ex.query(
      `with old as (
         select id from approval_requests r
          where state <> 'pending' and coalesce(decided_at, created_at) < $1
            and (state <> 'approved' or (expires_at is not null and expires_at < $1))
            and (payload <> '{}'::jsonb or exists (select 1 from approval_votes v where v.request_id = r.id and v.comment is not null))
          order by created_at limit $2 for update skip locked),
       comments as (update approval_votes v set comment = null from old where v.request_id = old.id and v.comment is not null)
       update approval_requests r set payload = '{}'::jsonb from old where r.id = old.id returning r.id`,
      [before, limit],
    );
    return r.rows.length;
  },
};
