-- An append's link in one round trip (issue 20): the log's lock, then the chain's head and the seq of
-- the row to append. Inside a VOLATILE PL/pgSQL function each statement takes its own snapshot, so the
-- head is read after the lock is held, as when the two were separate statements (one round trip less
-- on every audited card action). SECURITY INVOKER: the app's own rights, which already read audit_head
-- and draw from the log's sequence. No head row: both columns are null (the caller says so).
create function audit_next_link(p_chain text, out head_hash text, out next_seq bigint) language plpgsql as $$
begin
  perform pg_advisory_xact_lock(727012);
  select h.hash, nextval(pg_get_serial_sequence('audit_log', 'seq')) into head_hash, next_seq from audit_head h where h.chain = p_chain;
end $$;
