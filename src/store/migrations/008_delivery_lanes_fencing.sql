-- Lanes: urgent work (safety cards, alerts, the live tally) is claimed before bulk work (check-in
-- cards, reminders) even when thousands of bulk cards are already queued.
alter table deliveries add column lane text not null default 'bulk' check (lane in ('urgent', 'bulk'));
-- Fencing: every claim takes the next number; a worker whose lease ran out (and the row was claimed
-- again) can no longer move the row, because its writes name the number it claimed with.
alter table deliveries add column fence integer not null default 0;
-- When the HTTP call of the current attempt can no longer succeed (its start + the request timeout).
-- A crashed send is checked through Graph only after this, never while the call may still land.
alter table deliveries add column send_deadline timestamptz;
-- How often a crashed send's outcome was asked for and nobody could say (Graph unavailable).
alter table deliveries add column checks integer not null default 0;

-- Claim order: urgent before bulk, single messages (alerts, tally updates) before the rows of a
-- fan-out, then due time. The expressions must match the claim query's order by.
drop index deliveries_due_idx;
create index deliveries_due_idx on deliveries ((lane = 'bulk'), (payload_id is not null), next_attempt_at, id)
  where status in ('queued', 'retrying');
