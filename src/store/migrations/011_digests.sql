-- Manager digests and the 80-hour notice (issue 10). The digests themselves are outbox rows (one
-- idempotency key per recipient, kind and day); these tables record what was decided.

-- 80-hour notice (労働安全衛生法66条の8): at most one per person and month.
create table overtime_notices (
  user_id text not null,
  month text not null,                        -- YYYY-MM of the work days counted
  tenant_id text not null,
  total_minutes integer not null,             -- overtime + holiday work when the notice was decided
  overtime_minutes integer not null,
  holiday_minutes integer not null,
  created_at timestamptz not null default now(),
  primary key (user_id, month)
);

-- One row per digest sent (kind, recipient, digest day): what it covered, for the CSV link and audits.
create table digest_runs (
  recipient_id text not null,
  kind text not null check (kind in ('wellbeing', 'incident')),
  local_date date not null,
  tenant_id text not null,
  report_date date not null,
  members integer not null,
  flagged integer not null,
  created_at timestamptz not null default now(),
  primary key (recipient_id, kind, local_date)
);
