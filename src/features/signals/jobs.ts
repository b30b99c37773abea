import type { Clock } from '../../domain/shared/clock';
import { isVpnSignalType, type VpnSignalType } from '../../domain/signals/event';
import { JOBS } from '../../jobs/names';
import type { FeatureJobs } from '../../jobs/registry';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { signalsRepo } from './repository';

/** A VPN session event, as the reminders feature receives it. */
export interface VpnSignal {
  readonly type: VpnSignalType;
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
  /** Stable per event: a handler that must not act twice (a crash between its effect and the processed mark) keys on it. */
  readonly eventId: string;
}

/** What other features do with signals; the composition root passes them in. */
export interface SignalHandlers {
  onVpnSignal(event: VpnSignal): Promise<void>;
  /** device.lost: the devices feature opens an incident (once per event id). */
  onDeviceLost?(event: DeviceLostSignal): Promise<void>;
}

/** A device.lost event, as the devices feature receives it. */
interface DeviceLostSignal {
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
  readonly eventId: string;
  readonly device?: { readonly id?: string; readonly serial?: string; readonly name?: string };
}

export interface SignalJobsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly handlers: SignalHandlers;
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
          await deps.handlers.onVpnSignal({ type, userId, tenantId, occurredAt, eventId });
        } else if (type === 'device.lost' && deps.handlers.onDeviceLost) {
          await deps.handlers.onDeviceLost({ userId, tenantId, occurredAt, eventId, device: signal.device });
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
