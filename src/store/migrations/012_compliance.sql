-- Compliance (issue 9): the security pledge 誓約書, the monthly home-network self-check, and check-ins
-- made before the pledge was accepted.

-- A check-in recorded while the person had not accepted the current guideline's pledge.
alter table checkins add column pledge_pending boolean not null default false;

-- One row per person and guideline version: when the pledge card was sent (or shown), and accepted.
create table pledges (
  user_id text not null,
  guideline_version text not null,
  tenant_id text not null,
  sent_at timestamptz,
  accepted_at timestamptz,
  primary key (user_id, guideline_version)
);
create index pledges_accepted_idx on pledges (guideline_version, user_id) where accepted_at is not null;

-- One row per person and month (YYYY-MM): planned (the ledger of the durable job), sent, answered.
create table home_network_checks (
  user_id text not null,
  month text not null,
  tenant_id text not null,
  planned_at timestamptz not null default now(),
  sent_at timestamptz,
  answered_at timestamptz,
  answers jsonb,
  failures text[] not null default '{}',
  primary key (user_id, month)
);
