-- Approvals (issue 9 item 4): one mechanism for private-PC and paper take-out requests (G 1.3, G 1.6)
-- and for Intune actions that need a second person (devices). Other features keep only the id; no
-- foreign keys point here from outside.
create table approval_requests (
  id text primary key,
  idempotency_key text not null unique,       -- opening twice with the same key returns the same request
  kind text not null check (kind in ('private_pc', 'paper_takeout', 'intune_action')),
  tenant_id text not null,
  requester_id text not null,
  approver_ids jsonb not null,                -- who may decide (a snapshot taken when the request was opened)
  requester_may_approve boolean not null,     -- false = four-eyes
  required_approvals integer not null check (required_approvals >= 1),
  subject_id text,
  payload jsonb not null default '{}',       -- shown on the cards (may hold the requester's reason: never logged)
  state text not null default 'pending' check (state in ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
  expires_at timestamptz,                     -- a pending request can no longer be decided, an approved one no longer counts
  created_at timestamptz not null,
  decided_at timestamptz
);
create index approval_requests_requester_idx on approval_requests (requester_id, kind, state);
create index approval_requests_pending_idx on approval_requests (tenant_id, created_at) where state = 'pending';

-- Each approver's decision; the primary key makes a second press by the same person a no-op.
create table approval_votes (
  request_id text not null references approval_requests (id),
  actor_id text not null,
  decision text not null check (decision in ('approve', 'reject')),
  comment text,                               -- free text: shown on the cards, never logged or audited
  decided_at timestamptz not null,
  primary key (request_id, actor_id)
);

-- Where each card about a request went, so a decision updates all of them in place.
create table approval_cards (
  request_id text not null references approval_requests (id),
  recipient_id text not null,
  role text not null check (role in ('approver', 'requester')),
  delivery_key text,                          -- a card the outbox sent (its activity id is on the delivery row)
  activity_id text,                           -- or a card the bot answered with (invoke response)
  conversation_id text,
  primary key (request_id, recipient_id, role)
);
