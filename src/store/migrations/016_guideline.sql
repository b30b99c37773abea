-- Ask the guideline (issue 23). Versions of the company guideline file that were indexed: a new
-- content hash is recorded once (and audited) whichever replica starts first.
create table guideline_versions (
  content_hash text primary key,
  version text not null,
  passages integer not null,
  loaded_at timestamptz not null
);

-- Anonymous statistics: counts per tenant and day, nobody's id.
create table guideline_stats (
  tenant_id text not null,
  day date not null,
  answered integer not null default 0,
  unanswered integer not null default 0,
  helpful integer not null default 0,
  unhelpful integer not null default 0,
  primary key (tenant_id, day)
);

-- Questions the guideline did not answer, or whose answer got a thumbs down, for the admins' weekly
-- digest: free text typed by employees is personal data, so it is stored without the asker's id,
-- capped in length, and purged after GUIDELINE_QUESTION_RETENTION_DAYS.
create table guideline_questions (
  id bigserial primary key,
  tenant_id text not null,
  asked_at timestamptz not null,
  outcome text not null check (outcome in ('unanswered', 'unhelpful')),
  question text not null check (char_length(question) <= 400),
  top_citation text,
  guideline_version text not null
);
create index guideline_questions_tenant_at on guideline_questions (tenant_id, asked_at);

-- One vote per answer card (its random id): a replayed click does not count twice.
create table guideline_feedback (
  answer_id uuid primary key,
  helpful boolean not null,
  at timestamptz not null
);
create index guideline_feedback_at on guideline_feedback (at);
