-- Intune actions that end without running (issue 18 item 5): an approval that ran out (expired), the
-- incident closed while the action waited (cancelled), or the job's run-time check refused it (skipped:
-- incident closed, device no longer the person's, approval no longer valid). Each frees the slot, so the
-- security team may request the action again.
alter table device_actions drop constraint device_actions_status_check;
alter table device_actions add constraint device_actions_status_check
  check (status in ('awaiting_approval', 'queued', 'running', 'succeeded', 'failed', 'rejected', 'expired', 'cancelled', 'skipped'));
drop index device_actions_once_idx;
create unique index device_actions_once_idx on device_actions (incident_id, action, target_id)
  where status not in ('failed', 'rejected', 'expired', 'cancelled', 'skipped');
