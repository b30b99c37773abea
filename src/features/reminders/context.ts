import type { ReminderPolicy } from '../../domain/reminders/rules';
import type { PresenceReader } from '../../graph/presence';
import type { FeatureDeps } from '../feature';

/** What every reminder use case needs; built once by createRemindersFeature. */
export interface ReminderContext extends Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'logger' | 'companyHolidays'> {
  readonly policy: ReminderPolicy;
  /** Teams presence through Graph; absent in local mode (then only scheduled nudges remind). */
  readonly presence?: PresenceReader;
  /** Told every presence reading of people at work (the gap check records activity); must not throw. */
  readonly onPresence?: PresenceListener;
}

/** `previous` is the availability seen earlier the same work day (undefined for its first reading). */
export type PresenceListener = (readings: readonly { userId: string; workDate: string; previous?: string; current: string }[], at: Date) => Promise<void>;
