import type { PresenceReader } from '../../graph/presence';
import type { JobQueue } from '../../jobs/queue';
import type { FeatureDeps } from '../feature';

/** Company settings of the gap check (config; each explained in .env.example). */
export interface GapSettings {
  /** A side (start or end) is asked about when its gap is above this (GAP_CHECK_MINUTES). */
  readonly thresholdMinutes: number;
  /** The check runs this long after the end check-in or the reported end, whichever is later. */
  readonly delayMinutes: number;
  /** How often presence is read for people between their end check-in and their check. */
  readonly presencePollMinutes: number;
}

/** What every gap-check use case needs; built once by createGapcheckFeature. */
export interface GapContext extends Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'logger' | 'companyHolidays'> {
  readonly queue: Pick<JobQueue, 'send'>;
  readonly settings: GapSettings;
  /** Teams presence through Graph; absent in local mode (then VPN signals and card interactions only). */
  readonly presence?: PresenceReader;
}
