import { PURPOSES } from '../../delivery/outbox';
import { usersRepo } from '../../store/users';
import { appiRepo } from './action-repository';
import type { DevicesContext } from './context';
import { publish } from './publish';
import { incidentsRepo } from './repository';
import { appiReminderView, deviceActivity } from './views';

/**
 * Sends the APPI reminders that are due by the app clock (rows planned when the incident opened):
 * each to the security team once (one delivery key per incident, deadline and member), never for a
 * closed incident (closing cancels them). Returns how many reminders went out.
 */
export async function appiSweep(ctx: DevicesContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    let sent = 0;
    for (const due of await appiRepo.claimDue(tx, ctx.clock.now())) {
      const incident = await incidentsRepo.get(tx, due.incidentId, true);
      const deadline = due.deadline === 'preliminary' ? incident?.appiPreliminaryDue : incident?.appiFinalDue;
      if (!incident || incident.state === 'closed' || !deadline) continue;
      await incidentsRepo.addEvent(tx, incident.id, { at: ctx.clock.now(), kind: 'appi_reminder', data: { deadline: due.deadline } });
      const s = await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id));
      for (const memberId of await ctx.roles.securityTeamOf(tx, incident.tenantId)) {
        const reader = await usersRepo.getInTenant(tx, incident.tenantId, memberId);
        if (!reader) continue;
        const queued = await ctx.outbox.enqueueFor(tx, {
          purpose: PURPOSES.appiReminder,
          to: reader,
          subject: `${incident.id}:${due.deadline}`,
          batchId: `incident:${incident.id}`,
          activity: deviceActivity(reader, appiReminderView(s, due.deadline, deadline, reader), 'notifyAppi'),
        });
        if (queued) sent++;
      }
    }
    return sent;
  });
}
