import type { IntuneOutcome } from '../../graph/intune';
import { JOBS } from '../../jobs/names';
import { actionsRepo } from './action-repository';
import { deviceActionAudit } from './audit-events';
import type { DevicesContext } from './context';
import { endAction } from './action-ends';
import type { DeviceActionRow, Incident, SkipReason } from './model';
import { publish } from './publish';
import { incidentsRepo } from './repository';

const MAX_BACKOFF_SECONDS = 300;

const errorText = (o: Exclude<IntuneOutcome, { kind: 'done' }>): string => (o.status ? `HTTP ${o.status}` : 'no answer') + (o.code ? ` ${o.code}` : '');

/**
 * The `device-action` job: runs one recorded Intune action. The row is claimed (queued → running)
 * before Graph is called, so a job delivered twice, a second approval or a second replica calls
 * Graph at most once per claim. 429 / 5xx / no answer put the row back (queued) with a new job after
 * Retry-After or an exponential backoff; 403 / 404 / 400 fail it. Every result goes to the timeline and
 * to every card of the incident. A crash during the call leaves the row running: it is never called
 * again by itself; `settleStaleActions` later marks it "outcome unknown" so that the security team
 * checks Intune and may request it again (a wipe must not run twice behind anyone's back).
 */
export async function runDeviceAction(ctx: DevicesContext, actionId: string): Promise<void> {
  const claimed = await claimIfStillValid(ctx, actionId);
  if (!claimed) return;
  const outcome: IntuneOutcome = ctx.intune ? await ctx.intune.run(claimed.action, claimed.targetId) : { kind: 'failed', status: 0, code: 'graph_disabled' };
  await ctx.db.transaction(async (tx) => {
    const incident = (await incidentsRepo.get(tx, claimed.incidentId, true)) as Incident;
    const at = ctx.clock.now();
    const data = { action: claimed.action, targetId: claimed.targetId };
    if (outcome.kind === 'done') {
      const row = await actionsRepo.transition(tx, claimed.id, 'running', 'succeeded', { at });
      await incidentsRepo.addEvent(tx, incident.id, { at, kind: 'action_succeeded', data });
      if (row) await ctx.audit.append(tx, deviceActionAudit(incident, row, 'succeeded'));
    } else if (outcome.kind === 'retry' && claimed.attempts < ctx.settings.actionMaxAttempts) {
      const error = errorText(outcome);
      await actionsRepo.transition(tx, claimed.id, 'running', 'queued', { error });
      const delay = outcome.retryAfterMs !== undefined ? outcome.retryAfterMs / 1000 : Math.min(MAX_BACKOFF_SECONDS, 2 ** (claimed.attempts - 1));
      await ctx.queue.send(JOBS.deviceAction, { actionId: claimed.id }, { tx, startAfterSeconds: delay });
      await incidentsRepo.addEvent(tx, incident.id, { at, kind: 'action_retrying', data: { ...data, error } });
      ctx.logger.warn({ actionId: claimed.id, action: claimed.action, status: outcome.status, attempt: claimed.attempts, delaySeconds: delay }, 'intune action: retrying');
    } else {
      const error = errorText(outcome);
      const row = await actionsRepo.transition(tx, claimed.id, 'running', 'failed', { error, at });
      await incidentsRepo.addEvent(tx, incident.id, { at, kind: 'action_failed', data: { ...data, error } });
      if (row) await ctx.audit.append(tx, deviceActionAudit(incident, row, 'failed', undefined, error));
      ctx.logger.warn({ actionId: claimed.id, action: claimed.action, status: outcome.status, code: outcome.code }, 'intune action failed');
    }
    await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
  });
}

/**
 * Checked again just before Graph is called (approved minutes or retries ago): the incident is still
 * open, the approval (four-eyes) is still approved, and the target device is still the person's in
 * Intune (read now; when Intune cannot be read, the devices read for the incident stand). When one
 * fails the action is skipped, with the reason on the timeline and every card; else it is claimed.
 */
async function claimIfStillValid(ctx: DevicesContext, actionId: string): Promise<DeviceActionRow | undefined> {
  const queued = await actionsRepo.get(ctx.db, actionId);
  if (queued?.status !== 'queued') return undefined;
  const owner = (await incidentsRepo.get(ctx.db, queued.incidentId))?.userId;
  const devices = queued.action !== 'revoke' && owner && ctx.intune ? await ctx.intune.managedDevices(owner) : undefined;
  const approval = queued.approvalId && ctx.approvals ? await ctx.approvals.get(queued.approvalId) : undefined;
  return ctx.db.transaction(async (tx) => {
    const incident = (await incidentsRepo.get(tx, queued.incidentId, true)) as Incident;
    const reason: SkipReason | undefined =
      incident.state === 'closed' ? 'incident_closed'
      : queued.approvalId && approval?.state !== 'approved' ? 'approval_invalid'
      : devices && !devices.some((d) => d.id === queued.targetId) ? 'device_not_owned'
      : undefined;
    if (!reason) return actionsRepo.transition(tx, actionId, 'queued', 'running', { attempt: true, at: ctx.clock.now() });
    if (await endAction(ctx, tx, incident, queued, 'queued', { to: 'skipped', reason })) {
      await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      ctx.logger.warn({ actionId, action: queued.action, reason }, 'intune action not run: the run-time check refused it');
    }
    return undefined;
  });
}

/** A claim older than this without a result: the process stopped during the Graph call (its timeout is far shorter). */
const STALE_AFTER_MS = 10 * 60_000;

/** Marks actions stuck in `running` as failed with an unknown outcome, on the timeline and every card. */
export async function settleStaleActions(ctx: DevicesContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    let settled = 0;
    for (const stale of await actionsRepo.staleRunning(tx, new Date(now.getTime() - STALE_AFTER_MS))) {
      const row = await actionsRepo.transition(tx, stale.id, 'running', 'failed', { error: 'outcome unknown', at: now });
      if (!row) continue;
      const incident = (await incidentsRepo.get(tx, row.incidentId, true)) as Incident;
      await incidentsRepo.addEvent(tx, incident.id, { at: now, kind: 'action_unknown', data: { action: row.action, targetId: row.targetId } });
      await ctx.audit.append(tx, deviceActionAudit(incident, row, 'unknown', undefined, 'outcome unknown'));
      await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      ctx.logger.warn({ actionId: row.id, action: row.action }, 'intune action: no result recorded (process stopped during the call); marked unknown');
      settled++;
    }
    return settled;
  });
}
