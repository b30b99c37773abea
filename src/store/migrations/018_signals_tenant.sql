-- Signals per tenant (issue 18, item 4). Each signals secret belongs to one tenant, so an event id
-- only has to be unique within its sender's tenant: another tenant's sender can no longer pre-empt
-- (or learn of) an id by sending it first.
alter table signals drop constraint signals_pkey;
alter table signals add primary key (tenant_id, id);

-- Incidents opened by device.lost signals are rate-limited per person and per tenant. The decision is
-- stored with the event before any listener runs, so a retried job repeats it instead of counting again;
-- a suppressed event stays here (with its reason) and is counted, but alerts nobody.
alter table signals add column limit_decision text check (limit_decision in ('admitted', 'person_limit', 'tenant_limit'));
alter table signals add column decided_at timestamptz;
create index signals_decided_idx on signals (tenant_id, decided_at) where limit_decision = 'admitted';
