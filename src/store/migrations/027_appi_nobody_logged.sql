-- An APPI reminder nobody can receive (no security team, no admin) stays due and is swept every few
-- minutes; the error about it is logged once a day per reminder, not on every sweep: when it was last
-- logged. Cleared by nothing: the reminder leaves 'due' once someone receives it (or it is cancelled).
alter table appi_reminders add column nobody_logged_at timestamptz;
-- The same for an overdue PPC deadline nobody can be alerted about: the overdue sweep reads incidents,
-- not reminders, and logs one line per incident (for all its overdue deadlines). It has its own column
-- because the reminder's line, repeated daily while the reminder stays due, would otherwise silence it.
alter table device_incidents add column appi_overdue_nobody_logged_at timestamptz;
