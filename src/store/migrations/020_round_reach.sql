-- Issue 22: rounds that reach people where they are.
-- Today's prefecture from the start check-in (出張, workation): a core fact about the person, kept on
-- users so rounds select by it without reading the check-ins feature's tables. The last value given
-- is also the card's suggestion next time; a round counts it only while it is fresh.
alter table users add column today_prefecture text;
alter table users add column today_prefecture_at timestamptz;

-- Which of the person's prefectures put them in a prefecture round (home, office or today's), for
-- the tally and the CSV; null for scopes that are not by prefecture.
alter table round_recipients add column reached_via text check (reached_via in ('home', 'office', 'today'));
alter table round_recipients add column via_prefecture text;
-- How the latest answer arrived: the card, the e-mail page, or a manager/admin recording it for them.
alter table round_recipients add column answered_via text check (answered_via in ('card', 'email', 'proxy'));

-- Answers by e-mail link and answers a manager or admin recorded for the person (phone, in person).
alter table round_answers drop constraint round_answers_source_check;
alter table round_answers add constraint round_answers_source_check check (source in ('self', 'manager', 'email', 'proxy'));

-- One e-mail per person and round: the link's nonce is stored, so a link cannot be replayed for
-- another round or person, and used_at shows it answered once.
create table round_email_links (
  round_id uuid not null references safety_rounds (id),
  user_id text not null,
  nonce text not null,
  reason text not null check (reason in ('card_failed', 'no_answer')),
  sent_at timestamptz not null,
  used_at timestamptz,
  primary key (round_id, user_id)
);
