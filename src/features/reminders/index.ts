/**
 * The reminders feature's public file: screen-lock reminders (scheduled nudges and Teams presence)
 * and VPN-disconnect reminders (end answer and VPN gateway signals), G 3. The composition root wires
 * the check-in hooks, the signals handler and the week counts; nothing here imports another feature.
 */
import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { ReminderPolicy } from '../../domain/reminders/rules';
import type { Clock } from '../../domain/shared/clock';
import type { PresenceReader } from '../../graph/presence';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { reminderActions } from './actions';
import { reminderAnswers } from './answers';
import { reminderCheckinEvents } from './checkin-events';
import type { PresenceListener, ReminderContext } from './context';
import { reminderJobs } from './jobs';
import { watchPresence } from './presence-watch';
import { remindersRepo } from './repository';
import { sweep } from './sweep';
import { onVpnSignal, type VpnSignalEvent } from './vpn-signals';

export interface RemindersDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  readonly settings: ReminderPolicy & { readonly tickSeconds: number; readonly presencePollMinutes: number };
  /** Graph presence; without it only the scheduled screen-lock nudges remind. */
  readonly presence?: PresenceReader;
  /** Told every presence reading of people at work (optional; the gap check records activity). */
  readonly onPresence?: PresenceListener;
}

export function createRemindersFeature(deps: RemindersDeps) {
  const ctx: ReminderContext = { ...deps, logger: deps.logger.child({ component: 'reminders' }), policy: deps.settings };
  const presence = ctx.presence ? () => watchPresence(ctx) : undefined;
  return {
    actions: reminderActions(reminderAnswers(ctx)),
    jobs: reminderJobs({ tickSeconds: deps.settings.tickSeconds, presencePollMinutes: deps.settings.presencePollMinutes, sweep: () => sweep(ctx), watchPresence: presence }),
    /** For the check-in service's `events`: called inside the transactions that record the answers. */
    checkinEvents: reminderCheckinEvents(ctx),
    /** For the signals feature: VPN session opened / closed. */
    onVpnSignal: (event: VpnSignalEvent) => onVpnSignal(ctx, event),
    /** Reminders sent and answered per work day (the `my week` card). */
    dayCounts: (userId: string, from: string, toInclusive: string) => remindersRepo.dayCounts(deps.db, userId, from, toInclusive),
    /** VPN reminder chains nobody acknowledged and the gateway did not close: for the manager digest. */
    unacknowledgedVpn: (p: { tenantId: string; from: string; toInclusive: string }) => remindersRepo.unacknowledgedVpn(deps.db, p),
    /** One sweep of due reminders (the recurring task runs it; tests call it on a fake clock). */
    tick: () => sweep(ctx),
    /** One presence poll; does nothing without Graph. */
    pollPresence: () => watchPresence(ctx),
  };
}

export type RemindersFeature = ReturnType<typeof createRemindersFeature>;
