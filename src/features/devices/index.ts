/**
 * The devices feature's public file: lost or stolen devices (G 3, DOMAIN.md F5). Report card and
 * command, device.lost signals, the security team's incident card with Intune actions (exactly once,
 * four-eyes through the approvals core), APPI deadlines and reminders, and the open incidents for
 * the manager digest. The composition root passes Graph and the approvals core in.
 */
import { openIncidentsSection } from './digest';
import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import type { IntuneClient } from '../../graph/intune';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { deviceActions, lostDeviceCommand } from './actions';
import { appiSweep } from './appi';
import type { DevicesContext, DevicesSettings, IntuneApprovals } from './context';
import { deviceJobs } from './jobs';
import { incidentsRepo } from './repository';
import { openIncident } from './report';
import { runDeviceAction, settleStaleActions } from './run-action';
import { securityActions } from './security';

export interface DevicesDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly queue: Pick<JobQueue, 'send'>;
  readonly settings: DevicesSettings;
  readonly intune?: IntuneClient;
  readonly approvals?: IntuneApprovals;
}

/** A device.lost signal as the signals feature hands it over. */
export interface DeviceLostSignal {
  readonly eventId: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
  readonly device?: { readonly serial?: string; readonly name?: string };
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

export function createDevicesFeature(deps: DevicesDeps) {
  const ctx: DevicesContext = { ...deps, logger: deps.logger.child({ component: 'devices' }) };
  const security = securityActions(ctx);
  return {
    actions: deviceActions(ctx, security),
    commands: { lostDevice: lostDeviceCommand },
    jobs: deviceJobs({ tickSeconds: deps.settings.tickSeconds, runAction: (id) => runDeviceAction(ctx, id), appiSweep: () => appiSweep(ctx), staleSweep: () => settleStaleActions(ctx) }),
    /** For the signals feature: a device.lost event opens an incident (once per event id). */
    async onDeviceLost(signal: DeviceLostSignal): Promise<void> {
      await openIncident(ctx, {
        tenantId: signal.tenantId, userId: signal.userId, source: 'signal', sourceKey: `signal:${signal.eventId}`, kind: 'lost', deviceType: 'other',
        serial: signal.device?.serial, lostWhen: signal.occurredAt.toISOString(), encrypted: 'unknown', screenLocked: 'unknown', personalData: 'unknown',
      });
    },
    /** The incident digest's section of open lost-device incidents. */
    digestSection: openIncidentsSection(deps.db),
    /** Open lost-device incidents of these people. */
    async openIncidents(tenantId: string, userIds: readonly string[]): Promise<OpenIncidentSummary[]> {
      return (await incidentsRepo.openFor(deps.db, tenantId, userIds)).map((i) => ({
        incidentId: i.id, userId: i.userId, kind: i.kind, deviceType: i.deviceType, state: i.state === 'open' ? 'open' : 'acknowledged',
        discoveredAt: i.discoveredAt, appiPreliminaryDue: i.reportsFiled.length ? undefined : i.appiPreliminaryDue,
      }));
    },
    /** One APPI reminder sweep (the recurring task runs it; tests call it on a fake clock). */
    tick: () => appiSweep(ctx),
    /** One sweep of Intune actions left running by a stopped process (the recurring task runs it every minute). */
    settleStale: () => settleStaleActions(ctx),
  };
}

export type DevicesFeature = ReturnType<typeof createDevicesFeature>;
