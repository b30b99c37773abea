import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { usersRepo } from '../../store/users';
import { incidentStepAudit } from './audit-events';
import type { DevicesContext } from './context';
import { loadSnapshot, publish } from './publish';
import { incidentsRepo } from './repository';
import { incidentAlertView, noticeView } from './views';

/**
 * "Seen" on the manager's (or, without a security team, an admin's) alert: recorded once on the
 * incident timeline, which the security team's and the reporter's cards show; the alert then says who
 * saw it and when instead of offering the button again.
 */
export async function acknowledgeAlert(ctx: DevicesContext, user: User, incidentId: string): Promise<AdaptiveCardJson> {
  return ctx.db.transaction(async (tx) => {
    const incident = await incidentsRepo.get(tx, incidentId, true);
    if (!incident || incident.tenantId !== user.tenantId) return noticeView(user, 'unavailableTitle', 'unavailableText');
    const person = await usersRepo.getInTenant(tx, incident.tenantId, incident.userId);
    // The person's manager now (active, named on their record) or an admin: a former manager is refused.
    const isManager = !!person && (await ctx.roles.isManagerOf(tx, user.id, person));
    if (!isManager && !ctx.roles.isAdminOf(user, incident)) return noticeView(user, 'notSecurityTitle', 'alertNotAllowed');
    const snapshot = await loadSnapshot(tx, incident);
    const noSecurityTeam = !isManager && !(await ctx.roles.securityTeamOf(tx, incident.tenantId)).length;
    if (snapshot.timeline.some((e) => e.kind === 'alert_acknowledged')) return incidentAlertView(snapshot, user, noSecurityTeam);
    const at = ctx.clock.now();
    await incidentsRepo.addEvent(tx, incident.id, { at, kind: 'alert_acknowledged', actorId: user.id, data: {} });
    await ctx.audit.append(tx, incidentStepAudit(incident, 'alert_acknowledged', user.id));
    return incidentAlertView(await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id)), user, noSecurityTeam);
  });
}
