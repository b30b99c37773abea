import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditLog } from '../../audit/log';
import type { Clock } from '../../domain/shared/clock';
import { decideIncident, PERSON_WINDOW_MS, TENANT_WINDOW_MS, type IncidentLimits } from '../../domain/signals/incident-limit';
import { isVpnSignalType, type VpnSignalType } from '../../domain/signals/event';
import { JOBS } from '../../jobs/names';
import type { FeatureJobs } from '../../jobs/registry';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { signalsRepo } from './repository';

/** A VPN session event, as listeners receive it. */
export interface VpnSignal {
  readonly type: VpnSignalType;
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
  /**
   * Stable per event and unique across tenants (`<tenant id>/<sender's id>`): a listener that must not
   * act twice (a crash between its effect and the processed mark) keys on it.
   */
  readonly eventId: string;
}

/** A device.lost event, as listeners receive it. */
export interface DeviceLostSignal {
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
  readonly eventId: string;
  readonly device?: { readonly id?: string; readonly serial?: string; readonly name?: string };
}

/** What a feature does with signals: each listener implements the kinds it cares about. */
export interface SignalListener {
  onVpnSignal?(event: VpnSignal): Promise<void>;
  /** device.lost: the devices feature opens an incident (once per event id). */
  onDeviceLost?(event: DeviceLostSignal): Promise<void>;
}

export interface SignalJobsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly incidentLimits: IncidentLimits;
  /** Told in list order; the event is marked processed after the last one. */
  readonly listeners: readonly SignalListener[];
}

/**
 * One `signals-process` job per accepted event. The event is marked processed after its handler
 * ran, so a retried or repeated job does nothing; a crash between the two runs the handler again,
 * which is why it gets the event id.
 */
export function signalJobs(deps: SignalJobsDeps): FeatureJobs<typeof JOBS.signalsProcess> {
  const log = deps.logger.child({ component: 'signals' });
  return {
    handlers: {
      [JOBS.signalsProcess]: async ({ eventId, tenantId: jobTenant }) => {
        const signal = await signalsRepo.get(deps.db, jobTenant, eventId);
        if (!signal || signal.processed) return;
        const { type, userId, tenantId, occurredAt } = signal;
        // Sender ids are unique per tenant only: listeners get a key unique across tenants.
        const key = `${tenantId}/${eventId}`;
        if (isVpnSignalType(type)) {
          for (const listener of deps.listeners) await listener.onVpnSignal?.({ type, userId, tenantId, occurredAt, eventId: key });
        } else if (type === 'device.lost') {
          if ((await admitIncident(deps, signal)) === 'admitted') {
            for (const listener of deps.listeners) await listener.onDeviceLost?.({ userId, tenantId, occurredAt, eventId: key, device: signal.device });
          }
        } else {
          // device.noncompliant: kept in `signals` (no feature acts on it yet).
          log.info({ eventId, type, userId }, 'device signal stored');
        }
        await signalsRepo.markProcessed(deps.db, tenantId, eventId, deps.clock.now());
      },
    },
    recurring: [],
  };
}

/**
 * The incident limit, decided once per event before any listener runs. A suppressed event stays
 * stored with its reason, is recorded in the audit log (signal.suppressed) and logged, and alerts
 * nobody: a flood from one sender cannot page the security team again and again.
 */
async function admitIncident(deps: SignalJobsDeps, signal: { tenantId: string; id: string; userId: string }): Promise<string> {
  const now = deps.clock.now();
  const windows = { personSince: new Date(now.getTime() - PERSON_WINDOW_MS), tenantSince: new Date(now.getTime() - TENANT_WINDOW_MS) };
  return deps.db.transaction(async (tx) => {
    const { decision, fresh } = await signalsRepo.decideIncident(tx, signal, now, windows, (counts) => decideIncident(counts, deps.incidentLimits));
    if (decision !== 'admitted' && fresh) {
      deps.logger.warn({ component: 'signals', tenantId: signal.tenantId, eventId: signal.id, reason: decision }, 'device.lost signal over the incident limit: stored, no incident opened');
      await deps.audit.append(tx, { kind: AUDIT_KINDS.signalSuppressed, tenantId: signal.tenantId, subjectId: signal.userId, data: { eventId: signal.id, type: 'device.lost', reason: decision } });
    }
    return decision;
  });
}
