-- The outbox: one row per proactive message (or card update). Created in the same transaction as
-- the domain change that caused it; the idempotency key makes a second creation a no-op.
create table deliveries (
  id bigint generated always as identity primary key,
  idempotency_key text not null unique,
  tenant_id text not null,
  batch_id text not null,
  purpose text not null,
  recipient_id text not null,
  kind text not null default 'send' check (kind in ('send', 'update')),
  activity jsonb not null,
  update_of text,                           -- idempotency key of the delivery whose card to update
  status text not null default 'queued'
    check (status in ('queued', 'claimed', 'sending', 'sent', 'retrying', 'failed', 'cancelled')),
  attempts integer not null default 0,
  throttled integer not null default 0,
  backoff_ms integer not null default 0,
  not_before timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  lease_until timestamptz,
  lease_owner text,
  activity_id text,
  conversation_id text,
  failure_reason text,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index deliveries_due_idx on deliveries (next_attempt_at) where status in ('queued', 'retrying');
create index deliveries_lease_idx on deliveries (lease_until) where status in ('claimed', 'sending');
create index deliveries_batch_idx on deliveries (batch_id, status);
create index deliveries_recipient_idx on deliveries (recipient_id);

-- One shared pacer per tenant: every process reserves send slots here, so the tenant's rate holds
-- across replicas. paused_until is set from a 429's Retry-After.
create table tenant_pacer (
  tenant_id text primary key,
  next_slot_at timestamptz not null default now(),
  paused_until timestamptz
);
