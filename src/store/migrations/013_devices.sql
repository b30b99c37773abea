-- Lost or stolen devices (G 3, DOMAIN.md F5): one incident per report (or device.lost signal), its
-- timeline, the person's managed devices as Graph listed them, the Intune actions taken on them
-- (each exactly once), the security team's cards (updated in place) and the APPI deadlines.
-- Approvals (four-eyes) live in the approvals tables; only their ids are kept here (no foreign key).
create table device_incidents (
  id text primary key,
  tenant_id text not null,
  user_id text not null,                       -- whose device (users.id)
  reported_by text,                            -- users.id; null when a signal opened it
  source text not null check (source in ('report', 'signal')),
  source_key text not null unique,             -- report:<user>:<card submit id> or signal:<event id>: opening twice is a no-op
  kind text not null check (kind in ('lost', 'stolen')),
  device_type text not null check (device_type in ('company_pc', 'company_phone', 'private_phone', 'other')),
  serial text,                                 -- asset tag or serial number
  lost_when text,
  lost_where text,
  last_used text,
  encrypted text not null check (encrypted in ('yes', 'no', 'unknown')),
  screen_locked text not null check (screen_locked in ('yes', 'no', 'unknown')),
  data_on_it text,
  personal_data text not null check (personal_data in ('yes', 'no', 'unknown')),
  police_report text,
  state text not null default 'open' check (state in ('open', 'acknowledged', 'closed')),
  discovered_at timestamptz not null,
  appi_preliminary_due timestamptz,            -- null: no PPC report needed (no personal data, or encrypted)
  appi_final_due timestamptz,
  reports_filed text,                          -- on close: comma-separated preliminary,final or none_needed
  devices_read boolean not null default false, -- Graph managedDevices answered (an empty list is an answer)
  reporter_card_id text,                       -- Teams activity id of the reporter's card (updated in place)
  version integer not null default 1,          -- bumped on every change: part of each card update's key
  acknowledged_by text,
  acknowledged_at timestamptz,
  closed_by text,
  closed_at timestamptz,
  created_at timestamptz not null
);
create index device_incidents_open_idx on device_incidents (tenant_id, user_id) where state <> 'closed';

create table device_incident_events (
  id text primary key,
  incident_id text not null references device_incidents (id),
  seq integer not null,
  at timestamptz not null,
  kind text not null,                          -- reported, alerted, acknowledged, action_requested, action_approved, action_rejected, action_succeeded, action_failed, closed
  actor_id text,
  data jsonb not null default '{}',            -- ids, statuses and error codes only
  unique (incident_id, seq)
);

create table device_incident_devices (
  incident_id text not null references device_incidents (id),
  device_id text not null,                     -- Intune managedDevice id
  device_name text not null,
  serial text,
  os text,
  compliance text,
  last_sync text,
  matched boolean not null default false,      -- serial equals the reported one
  primary key (incident_id, device_id)
);

create table device_actions (
  id text primary key,
  incident_id text not null references device_incidents (id),
  action text not null check (action in ('lock', 'wipe', 'retire', 'revoke')),
  target_id text not null,                     -- managedDevice id, or the user id for revoke
  status text not null check (status in ('awaiting_approval', 'queued', 'running', 'succeeded', 'failed', 'rejected')),
  requested_by text not null,
  approval_id text,
  decided_by text,
  attempts integer not null default 0,
  error text,                                  -- HTTP status / Graph error code, never a token
  requested_at timestamptz not null,
  started_at timestamptz,                      -- the latest claim (queued → running) before Graph is called
  finished_at timestamptz
);
-- One live action per incident, kind and target: a double click or a second approval adds nothing.
create unique index device_actions_once_idx on device_actions (incident_id, action, target_id) where status not in ('failed', 'rejected');

-- Who holds which incident card: the alert's delivery key, so every change updates it in place.
create table device_incident_cards (
  incident_id text not null references device_incidents (id),
  user_id text not null,
  delivery_key text not null,
  primary key (incident_id, user_id)
);

-- Reminders before each APPI deadline, swept by the app clock (like the round cascade).
create table appi_reminders (
  incident_id text not null references device_incidents (id),
  deadline text not null check (deadline in ('preliminary', 'final')),
  due_at timestamptz not null,
  status text not null default 'due' check (status in ('due', 'sent', 'cancelled')),
  sent_at timestamptz,
  primary key (incident_id, deadline)
);
create index appi_reminders_due_idx on appi_reminders (due_at) where status = 'due';
