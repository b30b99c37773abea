-- Tamper-evident audit log (issue 12, F11). One hash chain per retention class: each row carries the
-- hash of the row before it in its chain; audit_head holds each chain's last seq and hash, so a
-- removed last row is noticed too. Appends are serialized by an advisory lock (src/audit/chain.ts).
create table audit_log (
  seq bigserial primary key,
  chain text not null check (chain in ('working_time', 'general')),
  at timestamptz not null,                   -- the application clock
  tenant_id text,                            -- null for process events (config.loaded, checkpoints)
  kind text not null,                        -- AUDIT_KINDS in src/audit/kinds.ts
  actor_id text,
  subject_id text,
  data jsonb not null default '{}',          -- ids, statuses, rule refs, counts: never free text or tokens
  prev_hash text not null,
  hash text not null
);
create index audit_log_chain_seq_idx on audit_log (chain, seq);
create index audit_log_kind_seq_idx on audit_log (kind, seq);
create index audit_log_at_idx on audit_log (at, seq);
create index audit_log_tenant_at_idx on audit_log (tenant_id, at, seq);

create table audit_head (
  chain text primary key,
  seq bigint not null,
  hash text not null
);
insert into audit_head (chain, seq, hash) values
  ('working_time', 0, '0000000000000000000000000000000000000000000000000000000000000000'),
  ('general', 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only for the application: no update, no truncate, and delete only from the retention job,
-- which says so in its own transaction (set_config('anshin.audit_retention', 'on', true)). This
-- guards against mistakes, not against the database owner: that is what the hash chain is for.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('anshin.audit_retention', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_log is append-only (% refused)', tg_op;
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
