-- An APPI reminder nobody can receive (no security team, no admin) stays due and is swept every few
-- minutes; the error about it is logged once a day per reminder, not on every sweep: when it was last
-- logged. Cleared by nothing: the reminder leaves 'due' once someone receives it (or it is cancelled).
alter table appi_reminders add column nobody_logged_at timestamptz;
