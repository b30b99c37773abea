-- Signals from VPN gateways, MDM and SIEM (POST /api/signals). A row exists only for an accepted
-- event: it is written with its processing job in one transaction, before the 202 answer.
-- The key is the sender's event id alone (not tenant + id): the contract has no tenant, and "the
-- same id again" must be recognised before anything else about the request is trusted. Senders
-- therefore use globally unique ids (UUIDs, or ids prefixed with the source system).
create table signals (
  id text primary key,
  tenant_id text not null,
  user_id text not null,
  type text not null check (type in ('vpn.session.opened', 'vpn.session.closed', 'device.lost', 'device.noncompliant')),
  occurred_at timestamptz not null,
  device jsonb,
  data jsonb,
  received_at timestamptz not null,
  -- Set once, after the event's handler ran: a retried job finds it set and does nothing.
  processed_at timestamptz
);
create index signals_user_idx on signals (user_id, occurred_at);
create index signals_unprocessed_idx on signals (received_at) where processed_at is null;

-- Signals name people by Entra object id (users.id) or by user principal name. The UPN is stored
-- lower-cased (UPNs compare case-insensitively); where it is unknown the email stands in for it.
alter table users add column upn text check (upn = lower(upn));
create unique index users_upn_tenant_idx on users (upn, tenant_id);
create index users_email_lower_idx on users (lower(email));
