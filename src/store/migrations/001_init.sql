-- Users known to the bot (from the directory: Graph or the local directory file).
create table users (
  id text primary key,                       -- Entra object id (aadObjectId)
  tenant_id text not null,
  teams_user_id text,                        -- 29:... id in Bot Framework activities
  name text not null default '',
  email text,
  locale text not null default 'ja',
  time_zone text not null default 'Asia/Tokyo',
  department text,
  manager_id text,
  office_prefecture text,
  home_prefecture text,
  is_admin boolean not null default false,
  private_pc_approved boolean not null default false,
  schedule jsonb,                            -- per-user overrides of the check-in schedule
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_tenant_idx on users (tenant_id) where active;
create index users_manager_idx on users (manager_id);

-- Where to reach each user proactively; refreshed on install, conversationUpdate and every message.
create table conversation_refs (
  user_id text primary key,
  tenant_id text not null,
  conversation_id text not null,
  service_url text not null,
  bot_id text,
  reference jsonb not null,
  updated_at timestamptz not null default now()
);

-- One row per user and work day; answering again updates the row (revision counts the changes).
create table checkins (
  user_id text not null,
  work_date date not null,
  tenant_id text not null,
  status text not null check (status in ('started', 'ended', 'day_off', 'office')),
  start_answers jsonb,
  end_answers jsonb,
  start_time text,
  end_time text,
  break_minutes integer,
  working_minutes integer,
  late_night_minutes integer,
  started_at timestamptz,
  ended_at timestamptz,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, work_date)
);
create index checkins_tenant_date_idx on checkins (tenant_id, work_date);

create table violations (
  user_id text not null,
  work_date date not null,
  kind text not null,
  tenant_id text not null,
  rule_ref text not null,
  created_at timestamptz not null default now(),
  primary key (user_id, work_date, kind)
);

-- Ledger of planned timed jobs: a job is created only with its ledger row, so planning twice
-- (two replicas, a restart, a clock jump) never plans a card twice.
create table job_plan (
  key text primary key,
  job_name text not null,
  run_at timestamptz not null,
  created_at timestamptz not null default now()
);
