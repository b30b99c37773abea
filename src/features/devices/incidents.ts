import { renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import type { DevicesContext } from './context';
import { loadSnapshot } from './publish';
import { incidentsRepo } from './repository';
import { deviceText } from './texts';
import { deviceActivity, incidentAlertView, incidentCardView } from './views';

/** A screenful of cards; the digest lists every open incident. */
const MAX_SHOWN = 10;

/** Who the help card offers `インシデント` to: the security team and managers. */
export async function mayListIncidents(ctx: DevicesContext, user: User): Promise<boolean> {
  const team = await ctx.roles.securityTeamOf(ctx.db, user.tenantId);
  return team.includes(user.id) || (await incidentsRepo.hasReports(ctx.db, user.tenantId, user.id));
}

/**
 * `インシデント` / `incidents`: the alerts scrolled away or went to another device. The security team
 * gets every open incident of the tenant again as its live card (the new copy becomes the one updated
 * in place); a manager gets the alert card of each open incident of their direct reports.
 */
export async function showIncidents(ctx: DevicesContext, user: User): Promise<AdaptiveCardJson> {
  const notice = (key: 'incidentsNone' | 'incidentsSome' | 'incidentsNotAllowed', count = 0) =>
    renderCommonCard('notice', { title: deviceText(user.locale, 'incidentsTitle'), text: deviceText(user.locale, key, { n: count }) }, user.locale);
  const security = (await ctx.roles.securityTeamOf(ctx.db, user.tenantId)).includes(user.id);
  if (!security && !(await incidentsRepo.hasReports(ctx.db, user.tenantId, user.id))) return notice('incidentsNotAllowed');
  const incidents = await incidentsRepo.openToShow(ctx.db, user.tenantId, security ? undefined : user.id, MAX_SHOWN);
  if (!incidents.length) return notice('incidentsNone');
  const shownAt = ctx.clock.now().getTime();
  await ctx.db.transaction(async (tx) => {
    for (const incident of incidents) {
      const s = await loadSnapshot(tx, incident);
      const key = deliveryKey(PURPOSES.incidentAlert, user.id, `${incident.id}:shown:${shownAt}`);
      const card = security ? incidentCardView(s, user) : incidentAlertView(s, user);
      const name = s.names.get(incident.userId) ?? '';
      await ctx.outbox.enqueue(tx, { key, tenantId: incident.tenantId, batchId: `incident:${incident.id}`, purpose: PURPOSES.incidentAlert, recipientId: user.id, activity: deviceActivity(user, card, 'notifyAlert', { name }) });
      if (security) await incidentsRepo.addCardHolder(tx, incident.id, user.id, key);
    }
  });
  ctx.outbox.notify();
  return notice('incidentsSome', incidents.length);
}
