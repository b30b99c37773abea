-- An audit append in one round trip (issue 20): the log's lock, the chain's head and the next seq, the
-- row's hash and the insert, in one call. The hash is the same SHA-256 as before (src/audit/hash.ts,
-- layout 1) over the same text: the app sends the part of it it knows before the lock (every field
-- between the seq and the previous hash, as JSON text), the function puts the seq and the head's hash
-- around it. The verifier is unchanged: it recomputes every row's hash from the stored fields, so a
-- middle that did not match the fields would be found as a broken row, as a wrong hash from the app
-- would have been. SECURITY INVOKER: the app's own rights (insert into the log, read the head, draw
-- from the log's sequence); the insert trigger (migration 019) still checks the link and moves the head.
create function audit_append(
  p_chain text, p_at timestamptz, p_tenant text, p_kind text, p_actor text, p_subject text, p_data jsonb, p_hashed_middle text,
  out seq bigint, out prev_hash text, out hash text
) language plpgsql as $$
begin
  perform pg_advisory_xact_lock(727012);
  select h.hash, nextval(pg_get_serial_sequence('audit_log', 'seq')) into prev_hash, seq from audit_head h where h.chain = p_chain;
  if prev_hash is null then
    raise exception 'audit chain % has no head row', p_chain;
  end if;
  hash := encode(sha256(convert_to('[1,' || seq::text || p_hashed_middle || '"' || prev_hash || '"]', 'UTF8')), 'hex');
  insert into audit_log (seq, chain, at, tenant_id, kind, actor_id, subject_id, data, prev_hash, hash)
    values (seq, p_chain, p_at, p_tenant, p_kind, p_actor, p_subject, p_data, prev_hash, hash);
end $$;
-- audit_next_link (migration 026) stays: a replica of the previous version calls it during a rolling deploy.
