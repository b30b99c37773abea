-- A round sends the same card to thousands of people: store it once and let each delivery point at it
-- (10,000 copies of a 10 KB card were 100 MB written inside the round's start transaction).
create table delivery_payloads (
  id bigint generated always as identity primary key,
  activity jsonb not null,
  created_at timestamptz not null default now()
);
alter table deliveries add column payload_id bigint references delivery_payloads (id);
alter table deliveries alter column activity drop not null;
alter table deliveries add constraint deliveries_activity_present check (activity is not null or payload_id is not null);
