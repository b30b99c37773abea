-- An audit log the application cannot rewrite (issue 18, item 2). With DATABASE_OWNER_URL the owner
-- role runs the migrations and owns these objects; the app role gets INSERT + SELECT on audit_log,
-- SELECT on audit_head and EXECUTE on audit_retention_remove, nothing else on them (src/store/grants.ts).
-- Without an owner role (PGlite, or PostgreSQL with one role) the app owns them and these guard
-- against mistakes only; docs/security.md says what each mode enforces.

-- The head moves with every append, in the database: an append must continue its chain's head, and
-- the app role needs no UPDATE on audit_head. SECURITY DEFINER so it runs with the owner's rights.
create function audit_log_link() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
declare
  head_seq bigint;
  head_hash text;
begin
  select seq, hash into head_seq, head_hash from audit_head where chain = new.chain for update;
  if not found then
    raise exception 'audit chain % has no head row', new.chain;
  end if;
  if new.prev_hash <> head_hash or new.seq <= head_seq then
    raise exception 'audit_log append must continue the % chain at its head (seq %)', new.chain, head_seq;
  end if;
  update audit_head set seq = new.seq, hash = new.hash where chain = new.chain;
  return new;
end $$;
create trigger audit_log_link before insert on audit_log for each row execute function audit_log_link();

-- The youngest a row may be when retention removes it, by the database's clock: the owner's setting,
-- never the app's (working time 5 years, 労働基準法109条; other rows 365 days, the lowest AUDIT_RETENTION_DAYS).
create table audit_retention_floor (
  chain text primary key,
  min_age interval not null
);
insert into audit_retention_floor (chain, min_age) values ('working_time', interval '5 years'), ('general', interval '365 days');

-- Retention removes only a verified prefix, after its checkpoint: the caller first appends the
-- checkpoint row (removedFromSeq, removedToSeq, removedRows, lastRemovedHash), then calls this. It
-- checks that the range is the chain's oldest rows, that they link from where the chain starts now
-- (the previous checkpoint, or genesis) to the checkpoint's lastRemovedHash, and that every row is
-- older than its chain's floor (audit_retention_floor) by the database's clock. Row hashes themselves are checked by the caller
-- (src/audit/retention.ts) and by audit:verify; the external anchors vouch for the checkpoint.
create function audit_retention_remove(p_chain text, p_checkpoint_seq bigint) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  cp record;
  from_seq bigint;
  to_seq bigint;
  expected text;
  removed integer := 0;
  min_age interval;
  r record;
begin
  perform pg_advisory_xact_lock(727012);
  select f.min_age into min_age from audit_retention_floor f where f.chain = p_chain;
  if min_age is null then
    raise exception 'audit retention: no retention floor for the % chain', p_chain;
  end if;
  select seq, data into cp from audit_log where chain = p_chain and seq = p_checkpoint_seq and kind = 'audit.checkpoint';
  if not found then
    raise exception 'audit retention: seq % is not a checkpoint of the % chain', p_checkpoint_seq, p_chain;
  end if;
  if exists (select 1 from audit_log where chain = p_chain and kind = 'audit.checkpoint' and seq > cp.seq) then
    raise exception 'audit retention: checkpoint % is not the latest', cp.seq;
  end if;
  from_seq := (cp.data->>'removedFromSeq')::bigint;
  to_seq := (cp.data->>'removedToSeq')::bigint;
  if from_seq is null or to_seq is null or to_seq >= cp.seq or exists (select 1 from audit_log where chain = p_chain and seq < from_seq) then
    raise exception 'audit retention: checkpoint % does not name a prefix of the % chain', cp.seq, p_chain;
  end if;
  select coalesce((select data->>'lastRemovedHash' from audit_log where chain = p_chain and kind = 'audit.checkpoint' and seq < cp.seq order by seq desc limit 1), repeat('0', 64))
    into expected;
  for r in select seq, at, prev_hash, hash from audit_log where chain = p_chain and seq between from_seq and to_seq order by seq loop
    if r.prev_hash <> expected then
      raise exception 'audit retention: the % chain is broken at seq %', p_chain, r.seq;
    end if;
    if r.at > now() - min_age then
      raise exception 'audit retention: seq % is within the minimum retention of the % chain', r.seq, p_chain;
    end if;
    expected := r.hash;
    removed := removed + 1;
  end loop;
  if removed = 0 or removed <> (cp.data->>'removedRows')::integer or expected <> cp.data->>'lastRemovedHash' then
    raise exception 'audit retention: checkpoint % does not match the rows it removes', cp.seq;
  end if;
  perform set_config('anshin.audit_retention', 'on', true);
  delete from audit_log where chain = p_chain and seq between from_seq and to_seq;
  perform set_config('anshin.audit_retention', 'off', true);
  return removed;
end $$;
revoke all on function audit_retention_remove(text, bigint) from public;
revoke all on function audit_log_link() from public;
