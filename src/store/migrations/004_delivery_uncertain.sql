-- A send that timed out may still have been delivered: the next attempt first asks whether it arrived.
alter table deliveries add column uncertain boolean not null default false;
