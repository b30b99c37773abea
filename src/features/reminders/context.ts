import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { ReminderPolicy } from '../../domain/reminders/rules';
import type { Clock } from '../../domain/shared/clock';
import type { PresenceReader } from '../../graph/presence';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';

/** What every reminder use case needs; built once by createRemindersFeature. */
export interface ReminderContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  /** reminder.sent / reminder.answered go to the hash-chained audit log (G 補足: usage logs). */
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  readonly policy: ReminderPolicy;
  /** Teams presence through Graph; absent in local mode (then only scheduled nudges remind). */
  readonly presence?: PresenceReader;
  /** Told every presence reading of people at work (the gap check records activity); must not throw. */
  readonly onPresence?: PresenceListener;
}

/** `previous` is the availability seen earlier the same work day (undefined for its first reading). */
export type PresenceListener = (readings: readonly { userId: string; workDate: string; previous?: string; current: string }[], at: Date) => Promise<void>;
