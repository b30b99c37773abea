-- A directory role group (ADMIN_GROUP_ID, SECURITY_GROUP_ID) that cannot be read (403/404 from Graph):
-- one row per tenant and role while the failure lasts (issue 18 item 7). The last members keep their
-- role and the admins are told once (alerted_at); after ROLE_SYNC_FAIL_CLOSED_HOURS the role is removed
-- (closed_at). A successful read deletes the row: the next failure is a new episode.
create table role_group_failures (
  tenant_id text not null,
  role text not null check (role in ('admin', 'security')),
  group_id text not null,
  failing_since timestamptz not null,
  alerted_at timestamptz,
  closed_at timestamptz,
  primary key (tenant_id, role)
);
