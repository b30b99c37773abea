import { localDateOf } from '../../domain/calendar';
import type { User } from '../../domain/people/user';
import { PURPOSES } from '../../delivery/outbox';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { appiRepo } from './action-repository';
import type { DevicesContext } from './context';
import { outstandingReports, overdueReports } from '../../domain/appi/deadlines';
import type { AppiDeadline, Incident } from './model';
import { loadSnapshot, publish } from './publish';
import { incidentsRepo } from './repository';
import { appiOverdueView, appiReminderView, deviceActivity } from './views';

/** Who is told about a PPC deadline: the security team; without one, the admins (with a warning). */
async function reminderRecipients(ctx: DevicesContext, tx: Executor, incident: Incident): Promise<User[]> {
  const team = await usersOf(tx, incident.tenantId, await ctx.roles.securityTeamOf(tx, incident.tenantId));
  if (team.length) return team;
  const admins = await ctx.roles.adminsOf(tx, incident.tenantId);
  if (admins.length) ctx.logger.warn({ incidentId: incident.id, admins: admins.length }, 'appi reminder: no security team member in this tenant; sent to the admins');
  return admins;
}

async function usersOf(tx: Executor, tenantId: string, ids: readonly string[]): Promise<User[]> {
  const users = await Promise.all(ids.map((id) => usersRepo.getInTenant(tx, tenantId, id)));
  return users.filter((u): u is User => u !== undefined);
}

/** The error about a reminder or overdue alert nobody can receive is repeated once a day, not on every sweep (every few minutes). */
const NOBODY_LOG_INTERVAL_MS = 24 * 3_600_000;

const dueOf = (i: Incident, d: AppiDeadline): Date | undefined => (d === 'preliminary' ? i.appiPreliminaryDue : i.appiFinalDue);

/**
 * Sends the APPI reminders that are due by the app clock (rows planned when the incident opened) to
 * the security team (the admins when there is none), once: one delivery key per incident, deadline
 * and person. A reminder of a report already filed is cancelled (a close with only the preliminary
 * filed keeps the final one's). A reminder nobody could receive stays due, with an error logged once a day while it does.
 * Returns how many reminders went out.
 */
export async function appiSweep(ctx: DevicesContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    let sent = 0;
    const now = ctx.clock.now();
    for (const due of await appiRepo.lockDue(tx, now)) {
      const incident = await incidentsRepo.get(tx, due.incidentId, true);
      const deadline = incident ? dueOf(incident, due.deadline) : undefined;
      if (!incident || !deadline || !outstandingReports(incident).includes(due.deadline)) {
        await appiRepo.cancel(tx, due.incidentId, due.deadline);
        continue;
      }
      const readers = await reminderRecipients(ctx, tx, incident);
      if (!readers.length) {
        if (await appiRepo.claimNobodyLog(tx, due.incidentId, due.deadline, now, NOBODY_LOG_INTERVAL_MS)) {
          ctx.logger.error({ incidentId: due.incidentId, deadline: due.deadline }, 'appi reminder: no security team member and no admin in this tenant; the reminder stays due');
        }
        continue;
      }
      await incidentsRepo.addEvent(tx, incident.id, { at: now, kind: 'appi_reminder', data: { deadline: due.deadline } });
      const s = await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      for (const reader of readers) {
        const activity = deviceActivity(reader, appiReminderView(s, due.deadline, deadline, reader), 'notifyAppi');
        if (await ctx.outbox.enqueueFor(tx, { purpose: PURPOSES.appiReminder, to: reader, subject: `${incident.id}:${due.deadline}`, batchId: `incident:${incident.id}`, activity })) sent++;
      }
      await appiRepo.markSent(tx, incident.id, due.deadline, now);
    }
    if (sent) ctx.outbox.notify();
    return sent;
  });
}

/**
 * A PPC deadline passed with its report not filed (APPI 26条, 施行規則 8条): the security team and
 * the admins get an alert once a day each until it is recorded, closed incidents included. The
 * delivery key holds the reader's local day, so a second sweep or a restart the same day sends
 * nothing. With nobody to alert, an error is logged once a day per incident. Returns how many alerts went out.
 */
export async function appiOverdueSweep(ctx: DevicesContext): Promise<number> {
  const now = ctx.clock.now();
  let sent = 0;
  for (const overdue of await incidentsRepo.appiOverdue(ctx.db, now)) {
    sent += await ctx.db.transaction(async (tx) => {
      const incident = await incidentsRepo.get(tx, overdue.id, true);
      const deadlines = incident ? overdueReports(incident, now) : [];
      if (!incident || !deadlines.length) return 0;
      const team = await usersOf(tx, incident.tenantId, await ctx.roles.securityTeamOf(tx, incident.tenantId));
      const admins = await ctx.roles.adminsOf(tx, incident.tenantId);
      const readers = [...team, ...admins.filter((a) => !team.some((m) => m.id === a.id))];
      if (!readers.length) {
        if (await incidentsRepo.claimOverdueNobodyLog(tx, incident.id, now, NOBODY_LOG_INTERVAL_MS)) {
          ctx.logger.error({ incidentId: incident.id, deadlines }, 'appi overdue: no security team member and no admin in this tenant');
        }
        return 0;
      }
      const s = await loadSnapshot(tx, incident);
      let queued = 0;
      for (const deadline of deadlines) {
        let alerted = 0;
        for (const reader of readers) {
          const activity = deviceActivity(reader, appiOverdueView(s, deadline, dueOf(incident, deadline) as Date, reader), 'notifyAppiOverdue');
          const subject = `${incident.id}:${deadline}:overdue:${localDateOf(now, reader.timeZone)}`;
          if (await ctx.outbox.enqueueFor(tx, { purpose: PURPOSES.appiReminder, to: reader, subject, batchId: `incident:${incident.id}`, activity })) alerted++;
        }
        if (alerted) await incidentsRepo.addEvent(tx, incident.id, { at: now, kind: 'appi_overdue', data: { deadline, n: alerted } });
        queued += alerted;
      }
      if (queued) await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      return queued;
    });
  }
  if (sent) ctx.outbox.notify();
  return sent;
}
