import { randomUUID } from 'node:crypto';
import type { Executor } from '../../store/db';
import type { ActionStatus, AppiDeadline, DeviceActionRow, IntuneAction } from './model';

interface ActionRow {
  id: string; incident_id: string; action: IntuneAction; target_id: string; status: ActionStatus; requested_by: string;
  approval_id: string | null; attempts: number; error: string | null;
}

const toAction = (row: ActionRow): DeviceActionRow => ({
  id: row.id, incidentId: row.incident_id, action: row.action, targetId: row.target_id, status: row.status, requestedBy: row.requested_by,
  approvalId: row.approval_id ?? undefined, attempts: row.attempts, error: row.error ?? undefined,
});

export const actionsRepo = {
  /**
   * Records an action; undefined when a live one of the same kind on the same target exists (the
   * partial unique index): a double click or two people pressing at once create one row.
   */
  async insert(tx: Executor, action: { incidentId: string; action: IntuneAction; targetId: string; status: ActionStatus; requestedBy: string; at: Date }): Promise<DeviceActionRow | undefined> {
    const r = await tx.query<ActionRow>(
      `insert into device_actions (id, incident_id, action, target_id, status, requested_by, requested_at) values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (incident_id, action, target_id) where status not in ('failed', 'rejected', 'expired', 'cancelled', 'skipped') do nothing returning *`,
      [randomUUID(), action.incidentId, action.action, action.targetId, action.status, action.requestedBy, action.at],
    );
    return r.rows[0] ? toAction(r.rows[0]) : undefined;
  },

  async setApproval(tx: Executor, id: string, approvalId: string): Promise<void> {
    await tx.query('update device_actions set approval_id = $2 where id = $1', [id, approvalId]);
  },

  async get(ex: Executor, id: string): Promise<DeviceActionRow | undefined> {
    const r = await ex.query<ActionRow>('select * from device_actions where id = $1', [id]);
    return r.rows[0] ? toAction(r.rows[0]) : undefined;
  },

  async forIncident(ex: Executor, incidentId: string): Promise<DeviceActionRow[]> {
    const r = await ex.query<ActionRow>('select * from device_actions where incident_id = $1 order by requested_at, id', [incidentId]);
    return r.rows.map(toAction);
  },

  /** Actions claimed before `before` and never finished: the app stopped during the Graph call. */
  async staleRunning(ex: Executor, before: Date, limit = 100): Promise<DeviceActionRow[]> {
    const r = await ex.query<ActionRow>(`select * from device_actions where status = 'running' and started_at < $1 order by started_at limit $2`, [before, limit]);
    return r.rows.map(toAction);
  },

  /** Actions still waiting for their second person that were requested before `before` (their approval ran out). */
  async awaitingBefore(ex: Executor, before: Date, limit = 100): Promise<DeviceActionRow[]> {
    const r = await ex.query<ActionRow>(`select * from device_actions where status = 'awaiting_approval' and requested_at <= $1 order by requested_at limit $2`, [before, limit]);
    return r.rows.map(toAction);
  },

  /** The incident's actions that have not started: waiting for approval or queued (closing cancels them). */
  async notStarted(ex: Executor, incidentId: string): Promise<DeviceActionRow[]> {
    const r = await ex.query<ActionRow>(`select * from device_actions where incident_id = $1 and status in ('awaiting_approval', 'queued') order by requested_at, id`, [incidentId]);
    return r.rows.map(toAction);
  },

  /** Conditional state change: the row only for the one caller that found it in `from`. */
  async transition(ex: Executor, id: string, from: ActionStatus, to: ActionStatus, set: { decidedBy?: string; error?: string; at?: Date; attempt?: boolean } = {}): Promise<DeviceActionRow | undefined> {
    const r = await ex.query<ActionRow>(
      `update device_actions set status = $3, decided_by = coalesce($4, decided_by), error = coalesce($5, error),
         finished_at = case when $3 in ('succeeded', 'failed', 'rejected', 'expired', 'cancelled', 'skipped') then $6::timestamptz else finished_at end,
         started_at = case when $3 = 'running' then $6::timestamptz else started_at end,
         attempts = attempts + case when $7 then 1 else 0 end
       where id = $1 and status = $2 returning *`,
      [id, from, to, set.decidedBy ?? null, set.error ?? null, set.at ?? null, set.attempt ?? false],
    );
    return r.rows[0] ? toAction(r.rows[0]) : undefined;
  },
};

export const appiRepo = {
  async plan(tx: Executor, incidentId: string, deadline: AppiDeadline, dueAt: Date): Promise<void> {
    await tx.query('insert into appi_reminders (incident_id, deadline, due_at) values ($1, $2, $3) on conflict do nothing', [incidentId, deadline, dueAt]);
  },

  /** Locks the due reminders (each handled by one replica at a time); they stay due until sent or cancelled. */
  async lockDue(tx: Executor, now: Date, limit = 100): Promise<{ incidentId: string; deadline: AppiDeadline }[]> {
    const r = await tx.query<{ incident_id: string; deadline: AppiDeadline }>(
      `select incident_id, deadline from appi_reminders where status = 'due' and due_at <= $1 order by due_at limit $2 for update skip locked`,
      [now, limit],
    );
    return r.rows.map((x) => ({ incidentId: x.incident_id, deadline: x.deadline }));
  },

  /**
   * Whether the error "nobody can receive this reminder" is to be logged now: as
   * incidentsRepo.claimOverdueNobodyLog, for one reminder (never logged, logged `intervalMs` or more
   * ago, or "in the future"); `now` is recorded when true.
   */
  async claimNobodyLog(tx: Executor, incidentId: string, deadline: AppiDeadline, now: Date, intervalMs: number): Promise<boolean> {
    const r = await tx.query(
      `update appi_reminders set nobody_logged_at = $3
        where incident_id = $1 and deadline = $2 and (nobody_logged_at is null or nobody_logged_at > $3 or nobody_logged_at <= $4)
        returning incident_id`,
      [incidentId, deadline, now, new Date(now.getTime() - intervalMs)],
    );
    return r.rows.length > 0;
  },

  /** Only once a recipient got it: a reminder nobody received stays due. */
  async markSent(tx: Executor, incidentId: string, deadline: AppiDeadline, at: Date): Promise<void> {
    await tx.query(`update appi_reminders set status = 'sent', sent_at = $3 where incident_id = $1 and deadline = $2`, [incidentId, deadline, at]);
  },

  /** Cancels the incident's reminders not sent yet: of one deadline (a report filed), or all. */
  async cancel(tx: Executor, incidentId: string, deadline?: AppiDeadline): Promise<number> {
    const r = await tx.query(
      `update appi_reminders set status = 'cancelled' where incident_id = $1 and status = 'due' and ($2::text is null or deadline = $2) returning deadline`,
      [incidentId, deadline ?? null],
    );
    return r.rows.length;
  },
};
