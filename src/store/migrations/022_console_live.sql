-- Read receipts: when the person's Teams client reported the message read (1:1 chats only, and only
-- for people whose read receipts are on; everyone else stays "sent").
alter table deliveries add column read_at timestamptz;
create index deliveries_read_idx on deliveries (recipient_id, conversation_id) where status = 'sent' and read_at is null;

-- The console's live round view follows changes through LISTEN/NOTIFY, so every replica's open tabs
-- see an answer or a delivery made by any other replica. The payload is the round id only (never a
-- name or an answer); PostgreSQL folds identical notifications of one transaction into one, and the
-- listener coalesces bursts further before it recomputes anything.
create function anshin_notify_round_recipient() returns trigger language plpgsql as $$
begin
  perform pg_notify('anshin_round', new.round_id::text);
  return null;
end $$;
create trigger round_recipients_notify after insert or update on round_recipients
  for each row execute function anshin_notify_round_recipient();

create function anshin_notify_round_delivery() returns trigger language plpgsql as $$
begin
  perform pg_notify('anshin_round', substr(new.batch_id, 7, 36));
  return null;
end $$;
-- Only a round's safety cards (batch 'round:<uuid>', not its ':admins'/':managers' sub-batches), and
-- only when what the console shows changes: sent, failed, or read (claimed/sending/retrying still
-- show as "queued", so a card's three steps through the worker notify once).
create trigger deliveries_round_notify after update of status, read_at on deliveries
  for each row
  when (new.batch_id like 'round:%' and length(new.batch_id) = 42
        and ((old.status is distinct from new.status and new.status in ('sent', 'failed')) or old.read_at is distinct from new.read_at))
  execute function anshin_notify_round_delivery();
