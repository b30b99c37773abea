/**
 * Intune actions that end without running: their approval ran out (expired), the incident was
 * closed while they waited (cancelled), or the job's run-time check refused them (skipped). Each end
 * frees the action's slot (a new request is possible), goes on the timeline in words, and every card
 * of the incident shows it (the security members' cards are the approvers' cards).
 */
import type { Executor } from '../../store/db';
import { actionsRepo } from './action-repository';
import { deviceActionAudit } from './audit-events';
import type { DevicesContext } from './context';
import type { ActionStatus, DeviceActionRow, Incident, SkipReason } from './model';
import { publish } from './publish';
import { incidentsRepo } from './repository';

type End = { to: 'expired'; minutes: number } | { to: 'cancelled'; actorId: string } | { to: 'skipped'; reason: SkipReason };
const EVENT: Readonly<Record<End['to'], string>> = { expired: 'action_expired', cancelled: 'action_cancelled', skipped: 'action_skipped' };

/** Ends one action (found in `from`) inside the caller's transaction; the caller publishes. */
export async function endAction(ctx: DevicesContext, tx: Executor, incident: Incident, action: DeviceActionRow, from: ActionStatus, end: End): Promise<boolean> {
  const at = ctx.clock.now();
  const reason = end.to === 'skipped' ? end.reason : end.to === 'cancelled' ? 'incident_closed' : 'approval_expired';
  const row = await actionsRepo.transition(tx, action.id, from, end.to, { error: reason, at, ...(end.to === 'cancelled' ? { decidedBy: end.actorId } : {}) });
  if (!row) return false;
  // An expired action's approval expires by its own time (the approvals sweep); a cancelled one's is cancelled now.
  if (row.approvalId && ctx.approvals && end.to === 'cancelled') await ctx.approvals.cancel(tx, row.approvalId, end.actorId, reason);
  const data = { action: row.action, targetId: row.targetId, reason, ...(end.to === 'expired' ? { n: end.minutes } : {}) };
  await incidentsRepo.addEvent(tx, incident.id, { at, kind: EVENT[end.to], ...(end.to === 'cancelled' ? { actorId: end.actorId } : {}), data });
  await ctx.audit.append(tx, deviceActionAudit(incident, row, end.to, end.to === 'cancelled' ? end.actorId : undefined, reason));
  return true;
}

/** Closing the incident: every action that has not started is cancelled, and its approval with it. */
export async function cancelNotStarted(ctx: DevicesContext, tx: Executor, incident: Incident, actorId: string): Promise<number> {
  let n = 0;
  for (const a of await actionsRepo.notStarted(tx, incident.id)) {
    if (a.status === 'awaiting_approval' || a.status === 'queued') n += Number(await endAction(ctx, tx, incident, a, a.status, { to: 'cancelled', actorId }));
  }
  return n;
}

/** The sweep: actions whose second person did not decide within INTUNE_APPROVAL_MINUTES are expired. */
export async function expireWaitingActions(ctx: DevicesContext): Promise<number> {
  const minutes = ctx.settings.approvalMinutes;
  const before = new Date(ctx.clock.now().getTime() - minutes * 60_000);
  let expired = 0;
  for (const waiting of await actionsRepo.awaitingBefore(ctx.db, before)) {
    expired += await ctx.db.transaction(async (tx) => {
      const incident = await incidentsRepo.get(tx, waiting.incidentId, true);
      if (!incident || !(await endAction(ctx, tx, incident, waiting, 'awaiting_approval', { to: 'expired', minutes }))) return 0;
      await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      return 1;
    });
  }
  if (expired) ctx.outbox.notify();
  return expired;
}
