/**
 * The devices feature's public file: lost or stolen devices (G 3, DOMAIN.md F5). Report card and
 * command, device.lost signals, the security team's incident card with Intune actions (exactly once,
 * four-eyes through the approvals core), APPI deadlines and reminders, and the open incidents for
 * the manager digest. The composition root passes Graph and the approvals core in.
 */
import { openIncidentsSection } from './digest';
import type { IntuneClient } from '../../graph/intune';
import type { RetentionTask } from '../../jobs/retention';
import type { FeatureDeps } from '../feature';
import type { DeviceLostSignal, SignalListener } from '../signals';
import { deviceActions, lostDeviceCommand } from './actions';
import { expireWaitingActions } from './action-ends';
import { appiOverdueSweep, appiSweep } from './appi';
import { openIncidents } from './console';
import type { DevicesContext, DevicesSettings, IntuneApprovals } from './context';
import { deviceJobs } from './jobs';
import { incidentsRepo } from './repository';
import { openIncident } from './report';
import { runDeviceAction, settleStaleActions } from './run-action';
import { securityActions } from './security';
import { deviceFieldLabel } from './texts';
import { mayListIncidents, showIncidents } from './incidents';
import type { CommandHandler } from '../../cards/actions';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';

/** @internal the field-label test checks every card input against the features' labels. */
export { deviceFieldLabel } from './texts';

export interface DevicesOptions {
  readonly settings: DevicesSettings;
  /** Intune through Graph; absent in local mode without Graph (then the actions are refused). */
  readonly intune?: IntuneClient;
  /** The approvals core, for actions that need a second person. */
  readonly approvals?: IntuneApprovals;
}

/** An open incident as the manager digest lists it. */
export interface OpenIncidentSummary {
  readonly incidentId: string;
  readonly userId: string;
  readonly kind: 'lost' | 'stolen';
  readonly deviceType: string;
  readonly state: 'open' | 'acknowledged';
  readonly discoveredAt: Date;
  readonly appiPreliminaryDue?: Date;
}

export function createDevicesFeature(deps: FeatureDeps, options: DevicesOptions) {
  const ctx: DevicesContext = { ...deps, ...options, logger: deps.logger.child({ component: 'devices' }) };
  const security = securityActions(ctx);
  const onDeviceLost = async (signal: DeviceLostSignal): Promise<void> => {
    await openIncident(ctx, {
      tenantId: signal.tenantId, userId: signal.userId, source: 'signal', sourceKey: `signal:${signal.eventId}`, kind: 'lost', deviceType: 'other',
      serial: signal.device?.serial, lostWhen: signal.occurredAt.toISOString(), encrypted: 'unknown', screenLocked: 'unknown', personalData: 'unknown',
    });
  };
  return {
    name: 'devices',
    /** Personal data past its period (docs/security.md#retention). */
    retention: [{ kind: 'incidentDetails', name: 'lost-device incident details', run: (ex, before, limit) => incidentsRepo.redactClosedDetails(ex, before, limit) }] satisfies RetentionTask[],
    actions: deviceActions(ctx, security),
    commands: { lostDevice: lostDeviceCommand, incidents: (caller) => showIncidents(ctx, caller.user) } satisfies Record<string, CommandHandler>,
    commandVisible: { incidents: (user: User) => mayListIncidents(ctx, user) },
    fieldLabel: deviceFieldLabel,
    jobs: deviceJobs({
      tickSeconds: options.settings.tickSeconds, runAction: (id) => runDeviceAction(ctx, id),
      appiSweep: async () => (await appiSweep(ctx)) + (await appiOverdueSweep(ctx)),
      staleSweep: async () => (await settleStaleActions(ctx)) + (await expireWaitingActions(ctx)),
    }),
    /** device.lost signals open an incident (once per event id). */
    signalListener: { onDeviceLost } satisfies SignalListener,
    /** The incident digest's section of open lost-device incidents. */
    digestSection: openIncidentsSection(deps.db),
    /** Open lost-device incidents of these people. */
    async openIncidents(tenantId: string, userIds: readonly string[]): Promise<OpenIncidentSummary[]> {
      return (await incidentsRepo.openFor(deps.db, tenantId, userIds)).map((incident) => ({
        incidentId: incident.id, userId: incident.userId, kind: incident.kind, deviceType: incident.deviceType, state: incident.state === 'open' ? 'open' : 'acknowledged',
        discoveredAt: incident.discoveredAt, appiPreliminaryDue: incident.reportsFiled.length ? undefined : incident.appiPreliminaryDue,
      }));
    },
    /** The console's compliance overview (security team and admins): open incidents with their APPI deadlines. */
    compliance: { openIncidents: (tenantId: string, locale: Locale) => openIncidents(deps.db, tenantId, locale) },
    /** One APPI reminder sweep (the recurring task runs it; tests call it on a fake clock). */
    tick: () => appiSweep(ctx),
    /** One sweep of overdue PPC deadlines: a daily alert per person and deadline (the APPI sweep runs it; tests call it). */
    appiOverdue: () => appiOverdueSweep(ctx),
    /** One sweep of four-eyes actions whose approval time ran out (the stale sweep runs it every minute; tests call it). */
    expireActions: () => expireWaitingActions(ctx),
    /** One sweep of Intune actions left running by a stopped process (the recurring task runs it every minute). */
    settleStale: () => settleStaleActions(ctx),
  };
}

export type DevicesFeature = ReturnType<typeof createDevicesFeature>;
