import type { Clock } from '../../domain/shared/clock';
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
  /** Stable per event: a listener that must not act twice (a crash between its effect and the processed mark) keys on it. */
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
      [JOBS.signalsProcess]: async ({ eventId }) => {
        const signal = await signalsRepo.get(deps.db, eventId);
        if (!signal || signal.processed) return;
        const { type, userId, tenantId, occurredAt } = signal;
        if (isVpnSignalType(type)) {
          for (const listener of deps.listeners) await listener.onVpnSignal?.({ type, userId, tenantId, occurredAt, eventId });
        } else if (type === 'device.lost') {
          for (const listener of deps.listeners) await listener.onDeviceLost?.({ userId, tenantId, occurredAt, eventId, device: signal.device });
        } else {
          // device.noncompliant: kept in `signals` (no feature acts on it yet).
          log.info({ eventId, type, userId }, 'device signal stored');
        }
        await signalsRepo.markProcessed(deps.db, eventId, deps.clock.now());
      },
    },
    recurring: [],
  };
}
