import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { appiRepo } from './action-repository';
import { incidentReportedAudit } from './audit-events';
import type { DevicesContext } from './context';
import { appiDeadlines, reminderDue } from '../../domain/appi/deadlines';
import type { Incident, IncidentReport } from './model';
import { incidentsRepo } from './repository';
import { loadSnapshot } from './publish';
import { deviceActivity, incidentAlertView, incidentCardView, type IncidentSnapshot } from './views';

export interface OpenIncident extends IncidentReport {
  readonly tenantId: string;
  readonly userId: string;
  /** Who reported it (absent for a signal). */
  readonly reportedBy?: string;
  readonly source: Incident['source'];
  /** `report:<user>:<submit id>` or `signal:<event id>`: opening twice returns the first incident. */
  readonly sourceKey: string;
  readonly reporterCardId?: string;
}

/**
 * Opens an incident (report card or device.lost signal): the incident row, its timeline, the
 * person's managed devices as Graph lists them, the APPI reminders, and the alert cards to the
 * manager and the security team (urgent lane), all in one transaction. Idempotent by source key.
 */
export async function openIncident(ctx: DevicesContext, input: OpenIncident): Promise<IncidentSnapshot> {
  const existing = await incidentsRepo.bySourceKey(ctx.db, input.sourceKey);
  if (existing) return loadSnapshot(ctx.db, existing);
  // Graph is asked before the transaction: a slow answer must not hold the database.
  const devices = ctx.intune ? await ctx.intune.managedDevices(input.userId) : undefined;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const appi = appiDeadlines(input, now, ctx.settings.appi);
    const { sourceKey, ...report } = input;
    let incident = await incidentsRepo.insert(tx, { ...report, sourceKey, discoveredAt: now, appi });
    if (!incident) return loadSnapshot(tx, (await incidentsRepo.bySourceKey(tx, sourceKey)) as Incident);
    const event = (kind: string, data: Record<string, string | number | boolean | null> = {}, actorId?: string) =>
      incidentsRepo.addEvent(tx, (incident as Incident).id, { at: now, kind, actorId, data });
    await event(input.source === 'signal' ? 'signal' : 'reported', {}, input.reportedBy);
    if (devices) {
      await incidentsRepo.setDevices(tx, incident.id, devices, input.serial);
      await event('devices', { n: devices.length });
    } else if (ctx.intune) {
      await event('devices_failed');
    }
    if (appi) {
      await appiRepo.plan(tx, incident.id, 'preliminary', reminderDue(appi.preliminary, now, ctx.settings.appi));
      await appiRepo.plan(tx, incident.id, 'final', reminderDue(appi.final, now, ctx.settings.appi));
    }
    const alerted = await alert(ctx, tx, incident, event);
    incident = await incidentsRepo.touch(tx, incident.id, { devicesRead: devices !== undefined });
    const snapshot = await loadSnapshot(tx, incident);
    await sendAlerts(ctx, tx, snapshot, alerted.managerId, alerted.adminIds);
    await ctx.audit.append(tx, incidentReportedAudit(incident, { manager: alerted.managerId !== undefined, security: alerted.security }));
    return snapshot;
  });
}

/** Records who gets the alert: the security team as card holders (their card is updated in place), and the active manager. */
async function alert(
  ctx: DevicesContext,
  tx: Executor,
  incident: Incident,
  event: (kind: string, data: Record<string, string | number | boolean | null>) => Promise<void>,
): Promise<{ managerId?: string; security: number; adminIds: readonly string[] }> {
  // The roles service's manager, as approvals ask it: an inactive former manager (or the person as their
  // own manager) is nobody's, so the alert goes where it goes for a person without a manager.
  const manager = await ctx.roles.activeManagerOf(tx, { id: incident.userId, tenantId: incident.tenantId });
  const team = await ctx.roles.securityTeamOf(tx, incident.tenantId);
  // Nobody to act on it would leave the report unread: the tenant's admins are told instead (not the reporter, not the manager twice).
  const admins = team.length
    ? []
    : (await ctx.roles.adminsOf(tx, incident.tenantId)).filter((a) => a.id !== incident.userId && a.id !== manager?.id).map((a) => a.id);
  if (!team.length) ctx.logger.warn({ incidentId: incident.id, admins: admins.length }, 'lost-device incident: no security team member in this tenant; alerting admins');
  for (const member of team) await incidentsRepo.addCardHolder(tx, incident.id, member, alertKey(member, incident));
  // A manager registered but no longer active: the reporter is told so (not "no manager is registered").
  const managerInactive = !manager && Boolean((await usersRepo.getInTenant(tx, incident.tenantId, incident.userId))?.managerId);
  await event('alerted', { n: team.length, manager: manager !== undefined, ...(managerInactive ? { managerInactive } : {}), admins: admins.length });
  return { managerId: manager?.id, security: team.length, adminIds: admins };
}

const alertKey = (userId: string, incident: Incident): string => deliveryKey(PURPOSES.incidentAlert, userId, incident.id);

async function sendAlerts(ctx: DevicesContext, tx: Executor, snapshot: IncidentSnapshot, managerId: string | undefined, adminIds: readonly string[]): Promise<void> {
  const name = snapshot.names.get(snapshot.incident.userId) ?? '';
  const base = { tenantId: snapshot.incident.tenantId, batchId: `incident:${snapshot.incident.id}`, purpose: PURPOSES.incidentAlert } as const;
  for (const h of await incidentsRepo.cardHolders(tx, snapshot.incident.id)) {
    const reader = await usersRepo.getInTenant(tx, snapshot.incident.tenantId, h.userId);
    if (reader) await ctx.outbox.enqueue(tx, { ...base, key: h.deliveryKey, recipientId: reader.id, activity: deviceActivity(reader, incidentCardView(snapshot, reader), 'notifyAlert', { name }) });
  }
  const manager = managerId ? await usersRepo.getInTenant(tx, snapshot.incident.tenantId, managerId) : undefined;
  if (manager) {
    await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.incidentAlert,
      to: manager,
      subject: `${snapshot.incident.id}:manager`,
      batchId: base.batchId,
      activity: deviceActivity(manager, incidentAlertView(snapshot, manager), 'notifyAlert', { name }),
    });
  }
  for (const adminId of adminIds) {
    const admin = await usersRepo.getInTenant(tx, snapshot.incident.tenantId, adminId);
    if (!admin) continue;
    await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.incidentAlert,
      to: admin,
      subject: `${snapshot.incident.id}:admin`,
      batchId: base.batchId,
      activity: deviceActivity(admin, incidentAlertView(snapshot, admin, true), 'notifyAlert', { name }),
    });
  }
}
