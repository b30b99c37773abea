-- Directory sync from Microsoft Graph (issue 10). People are never deleted: leaving or being
-- disabled only clears account_enabled and active, so their check-ins, answers and audit rows keep
-- pointing at a person.
alter table users add column is_security boolean not null default false;     -- SECURITY_GROUP_ID member
alter table users add column account_enabled boolean not null default true;  -- Entra accountEnabled, false once removed
alter table users add column directory_synced_at timestamptz;                -- last seen in a Graph sync; null = never

-- One row per synced tenant: where the next delta round starts, and which replica is syncing.
create table directory_sync (
  tenant_id text primary key,
  delta_link text,                 -- Graph @odata.deltaLink of the last complete round; null = full sync next
  full_sync_at timestamptz,
  delta_sync_at timestamptz,
  lease_token text,
  lease_until timestamptz,
  updated_at timestamptz not null default now()
);
