-- Self-report gap check (MHLW telework guideline: self-reported hours checked against objective
-- records). Objective activity per person and work day: the first and last moment each source saw
-- the person active (Teams presence, VPN gateway events, card interactions other than check-ins).
create table gap_activity (
  user_id text not null,
  work_date date not null,
  first_presence_at timestamptz,
  last_presence_at timestamptz,
  first_vpn_at timestamptz,
  last_vpn_at timestamptz,
  first_card_at timestamptz,
  last_card_at timestamptz,
  -- Last Teams availability the gap check saw for this day (a change is compared with it).
  presence_state text,
  primary key (user_id, work_date)
);

-- One check per person and work day: its row is the idempotency key of the durable job. Reported
-- times come from the check-in hooks (same transaction as the answers); the job compares them with
-- gap_activity at due_at. Between the end check-in and due_at the person's presence is watched.
create table gap_checks (
  user_id text not null,
  work_date date not null,
  tenant_id text not null,
  start_time text,
  end_time text,
  status text not null default 'open' check (status in ('open', 'planned', 'ok', 'asked', 'answered', 'cancelled')),
  due_at timestamptz,
  start_minutes integer,
  end_minutes integer,
  minutes integer,
  checked_at timestamptz,
  reason text check (reason in ('unrecorded_work', 'forgot_to_correct', 'not_working', 'other')),
  reason_note text,
  answered_at timestamptz,
  primary key (user_id, work_date)
);
create index gap_checks_planned_idx on gap_checks (due_at) where status = 'planned';
create index gap_checks_day_idx on gap_checks (work_date) where status in ('asked', 'answered');
