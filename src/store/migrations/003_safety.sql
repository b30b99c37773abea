-- Safety-confirmation rounds (安否確認). All times that drive the cascade are stored as absolute
-- instants computed from the application clock, so a restart resumes exactly where it stopped.
create table safety_rounds (
  id uuid primary key,
  tenant_id text not null,
  kind text not null,
  is_drill boolean not null default false,
  message text,
  scope jsonb not null,
  status text not null default 'open' check (status in ('open', 'closed', 'cancelled')),
  source text not null default 'admin' check (source in ('admin', 'jma')),
  event_id text,
  max_intensity text,
  prefectures text[] not null default '{}',
  started_by text,
  started_at timestamptz not null,
  closed_at timestamptz,
  closed_by text,
  tally_dirty boolean not null default false,
  tally_version integer not null default 0,
  tally_updated_at timestamptz
);
create unique index safety_rounds_event_idx on safety_rounds (tenant_id, event_id) where event_id is not null;
create index safety_rounds_open_idx on safety_rounds (tenant_id) where status = 'open';

create table round_recipients (
  round_id uuid not null references safety_rounds (id),
  user_id text not null,
  manager_id text,
  department text,
  status text not null default 'pending' check (status in ('pending', 'answered', 'reached')),
  own_status text,
  answer jsonb,
  answered_at timestamptz,
  reached_result text,
  reached_by text,
  primary key (round_id, user_id)
);
create index round_recipients_status_idx on round_recipients (round_id, status);
create index round_recipients_manager_idx on round_recipients (round_id, manager_id) where status = 'pending';

-- Every answer is kept (the latest counts); a manager's phone result is an answer too.
create table round_answers (
  id bigint generated always as identity primary key,
  round_id uuid not null references safety_rounds (id),
  user_id text not null,
  source text not null check (source in ('self', 'manager')),
  recorded_by text not null,
  answers jsonb not null,
  answered_at timestamptz not null
);
create index round_answers_round_idx on round_answers (round_id, user_id);

-- The cascade: one row per step; done_at is set in the same transaction as the cards it sends.
create table round_steps (
  round_id uuid not null references safety_rounds (id),
  step text not null,
  due_at timestamptz not null,
  done_at timestamptz,
  primary key (round_id, step)
);
create index round_steps_due_idx on round_steps (due_at) where done_at is null;

-- Where each admin's live tally card is, so it can be updated in place.
create table round_tally_cards (
  round_id uuid not null references safety_rounds (id),
  admin_id text not null,
  delivery_key text,
  conversation_id text,
  activity_id text,
  primary key (round_id, admin_id)
);

-- JMA feed entries already processed.
create table jma_seen (entry_id text primary key, seen_at timestamptz not null default now());

-- Secrets the app generates for itself on first start (e.g. the export link signing key), shared by replicas.
create table app_secrets (name text primary key, value text not null, created_at timestamptz not null default now());

-- Updates can target a card the bot sent as an invoke response (it has an activity id but no delivery row).
alter table deliveries add column target_activity_id text;

-- A language set by the directory (Entra preferredLanguage or the local file) wins over the Teams
-- client's locale; otherwise each activity's locale is remembered.
alter table users add column locale_locked boolean not null default false;
