import type { AuditLog } from '../../audit/log';
import type { Clock } from '../../domain/shared/clock';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { createSignalIntake } from './intake';
import { signalJobs, type SignalHandlers } from './jobs';

export type { SignalHandlers } from './jobs';

export interface SignalsFeatureDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: Pick<JobQueue, 'sendMany'>;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly handlers: SignalHandlers;
}

/**
 * Signals from VPN gateways, MDM and SIEM: the webhook (src/http/signals-route.ts) hands valid
 * events to `intake`; `jobs` process each once and pass it to the feature that acts on it.
 */
export function createSignalsFeature(deps: SignalsFeatureDeps) {
  return {
    intake: createSignalIntake(deps),
    jobs: signalJobs(deps),
  };
}
