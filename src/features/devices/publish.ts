import { cardMessage } from '../../cards/render';
import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { actionsRepo } from './action-repository';
import type { DevicesContext } from './context';
import type { Incident } from './model';
import { incidentsRepo } from './repository';
import { deviceActivity, incidentCardView, reportCardView, type IncidentSnapshot } from './views';

/** Everything the cards of an incident show, read inside the caller's transaction. */
export async function loadSnapshot(ex: Executor, incident: Incident): Promise<IncidentSnapshot> {
  const [timeline, devices, actions, holders] = [
    await incidentsRepo.timeline(ex, incident.id),
    await incidentsRepo.devices(ex, incident.id),
    await actionsRepo.forIncident(ex, incident.id),
    await incidentsRepo.cardHolders(ex, incident.id),
  ];
  const ids = new Set<string>([incident.userId, ...holders.map((h) => h.userId), ...actions.map((a) => a.requestedBy)]);
  for (const e of timeline) if (e.actorId) ids.add(e.actorId);
  if (incident.reportedBy) ids.add(incident.reportedBy);
  const names = await usersRepo.namesInTenant(ex, incident.tenantId, [...ids]);
  return { incident, timeline, devices, actions, names };
}

/** The security team's card holders and the reporter's card as the key of each update. */
const updateKey = (userId: string, i: Incident, suffix = ''): string => deliveryKey(PURPOSES.incidentUpdate, userId, `${i.id}:v${i.version}${suffix}`);

/**
 * Updates every card of the incident in place, inside the caller's transaction (the one that changed
 * it, after `incidentsRepo.touch` moved the version on): each security member's incident card and the
 * reporter's card.
 */
export async function publish(ctx: DevicesContext, tx: Executor, incident: Incident): Promise<IncidentSnapshot> {
  const s = await loadSnapshot(tx, incident);
  for (const h of await incidentsRepo.cardHolders(tx, incident.id)) {
    const reader = await usersRepo.getInTenant(tx, incident.tenantId, h.userId);
    if (!reader) continue;
    await ctx.outbox.enqueueUpdate(tx, {
      key: updateKey(reader.id, incident),
      tenantId: incident.tenantId,
      batchId: `incident:${incident.id}`,
      purpose: PURPOSES.incidentUpdate,
      recipientId: reader.id,
      activity: deviceActivity(reader, incidentCardView(s, reader), 'notifyAlert', { name: s.names.get(incident.userId) ?? '' }),
      updateOf: h.deliveryKey,
    });
  }
  if (incident.reporterCardId && incident.reportedBy) {
    const reporter = await usersRepo.getInTenant(tx, incident.tenantId, incident.reportedBy);
    if (reporter) await updateReporterCard(ctx, tx, reporter, s, incident.reporterCardId);
  }
  return s;
}

async function updateReporterCard(ctx: DevicesContext, tx: Executor, reporter: User, snapshot: IncidentSnapshot, cardId: string): Promise<void> {
  await ctx.outbox.enqueueUpdate(tx, {
    key: updateKey(reporter.id, snapshot.incident, ':reporter'),
    tenantId: snapshot.incident.tenantId,
    batchId: `incident:${snapshot.incident.id}`,
    purpose: PURPOSES.incidentUpdate,
    recipientId: reporter.id,
    activity: cardMessage(reportCardView(reporter, snapshot.incident.id, snapshot)),
    targetActivityId: cardId,
  });
}
