-- Screen-lock and VPN-disconnect reminders (G 3). Every reminder is one row with its times from the
-- application clock: planned (due_at), then sent, answered, resolved (the VPN gateway saw the session
-- close), cancelled (its reason went away before it left) or skipped (not allowed when due).
create table reminders (
  id text primary key,                       -- <kind>:<user>:<work date>:<slot>, so planning twice is a no-op
  user_id text not null,
  tenant_id text not null,
  work_date date not null,
  kind text not null check (kind in ('screen_lock', 'vpn')),
  reason text not null check (reason in ('scheduled', 'presence', 'checkout_answer', 'vpn_signal')),
  seq integer not null,
  due_at timestamptz not null,
  status text not null default 'due' check (status in ('due', 'sent', 'answered', 'resolved', 'cancelled', 'skipped')),
  sent_at timestamptz,
  answer text,
  answered_at timestamptz,
  closed_reason text,
  closed_at timestamptz,
  created_at timestamptz not null default now()
);
create index reminders_due_idx on reminders (due_at) where status = 'due';
create index reminders_user_day_idx on reminders (user_id, work_date, kind);
create index reminders_vpn_unanswered_idx on reminders (tenant_id, work_date) where kind = 'vpn' and status = 'sent';

-- The reminders' own view of each work day, written by the check-in hooks in the same transaction as
-- the answers (the reminders feature does not read the check-in tables).
create table reminder_workdays (
  user_id text not null,
  work_date date not null,
  tenant_id text not null,
  status text not null check (status in ('started', 'ended', 'day_off', 'office')),
  started_at timestamptz,
  ended_at timestamptz,
  primary key (user_id, work_date)
);
create index reminder_workdays_started_idx on reminder_workdays (work_date) where status = 'started';

-- Last Teams presence seen per person: a change is noticed across restarts and replicas.
create table presence_seen (
  user_id text primary key,
  availability text not null,
  activity text,
  seen_at timestamptz not null
);

-- Per-person choices; absent row = company defaults.
create table reminder_preferences (
  user_id text primary key,
  later_nudges boolean not null default true,
  updated_at timestamptz not null default now()
);

-- What the VPN gateway last reported per person (signals feature → onVpnSignal).
create table vpn_sessions (
  user_id text primary key,
  tenant_id text not null,
  state text not null check (state in ('open', 'closed')),
  opened_at timestamptz,
  last_event_id text not null,
  last_event_at timestamptz not null
);
