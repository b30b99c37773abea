-- Working time on the law's basis (issue 17). The 80-hour notice is decided on the 安衛法 basis
-- (all work beyond 40 h a week, 安衛則52条の2); older rows keep their figures and have these null.
-- Check-in rows are not migrated: the law's figures are computed from them whenever they are read.
alter table overtime_notices add column worked_minutes integer;
alter table overtime_notices add column health_check_minutes integer;

-- The gap check now also watches days started and not ended yet, after their scheduled end.
create index gap_checks_open_idx on gap_checks (work_date) where status = 'open';
