-- An admin asked to close a round (the confirmation is on their tally card): live tally updates keep
-- the question on that card instead of replacing it, until they confirm, go back, or it goes stale.
alter table round_tally_cards add column close_asked_at timestamptz;
