/**
 * The reminders feature's public file: screen-lock reminders (scheduled nudges and Teams presence)
 * and VPN-disconnect reminders (end answer and VPN gateway signals), G 3. The composition root wires
 * the check-in hooks, the signals handler and the week counts; nothing here imports another feature.
 */
import type { ReminderPolicy } from '../../domain/reminders/rules';
import type { PresenceReader } from '../../graph/presence';
import type { CheckinListener, ReminderCounts } from '../checkins';
import type { FeatureDeps } from '../feature';
import type { SignalListener } from '../signals';
import { reminderActions } from './actions';
import { reminderAnswers } from './answers';
import { acknowledgements } from './console';
import { reminderCheckinEvents } from './checkin-events';
import type { PresenceListener, ReminderContext } from './context';
import { reminderJobs } from './jobs';
import { watchPresence } from './presence-watch';
import { remindersRepo } from './repository';
import { sweep } from './sweep';
import { onVpnSignal } from './vpn-signals';

export type { PresenceListener } from './context';

export interface RemindersOptions {
  readonly settings: ReminderPolicy & { readonly tickSeconds: number; readonly presencePollMinutes: number };
  /** Graph presence; without it only the scheduled screen-lock nudges remind. */
  readonly presence?: PresenceReader;
  /** Told every presence reading of people at work (the gap check records activity). */
  readonly presenceListeners?: readonly PresenceListener[];
}

export function createRemindersFeature(deps: FeatureDeps, options: RemindersOptions) {
  const listeners = options.presenceListeners ?? [];
  const onPresence: PresenceListener | undefined = listeners.length
    ? async (readings, at) => {
        for (const listener of listeners) await listener(readings, at);
      }
    : undefined;
  const ctx: ReminderContext = { ...deps, presence: options.presence, onPresence, logger: deps.logger.child({ component: 'reminders' }), policy: options.settings };
  const presence = ctx.presence ? () => watchPresence(ctx) : undefined;
  return {
    name: 'reminders',
    actions: reminderActions(reminderAnswers(ctx)),
    commands: {},
    jobs: reminderJobs({ tickSeconds: options.settings.tickSeconds, presencePollMinutes: options.settings.presencePollMinutes, sweep: () => sweep(ctx), watchPresence: presence }),
    /** Plans the day's screen-lock nudges, ends them at check-out, starts the VPN reminder. */
    checkinListener: reminderCheckinEvents(ctx) satisfies CheckinListener,
    /** VPN session opened / closed. */
    signalListener: { onVpnSignal: (event) => onVpnSignal(ctx, event) } satisfies SignalListener,
    /** Reminders sent and answered per work day (the `my week` card). */
    dayCounts: ((userId, from, toInclusive) => remindersRepo.dayCounts(deps.db, userId, from, toInclusive)) satisfies ReminderCounts,
    /** VPN reminder chains nobody acknowledged and the gateway did not close: for the manager digest. */
    unacknowledgedVpn: (query: { tenantId: string; from: string; toInclusive: string }) => remindersRepo.unacknowledgedVpn(deps.db, query),
    /** One sweep of due reminders (the recurring task runs it; tests call it on a fake clock). */
    tick: () => sweep(ctx),
    /** The console's compliance overview: reminders sent vs acknowledged per kind (the tenant or a manager's reports). */
    compliance: { reminderAcknowledgements: (scope: { tenantId: string; managerId?: string }, from: string, toInclusive: string) => acknowledgements(deps.db, scope, from, toInclusive) },
    /** One presence poll; does nothing without Graph. */
    pollPresence: () => watchPresence(ctx),
  };
}

export type RemindersFeature = ReturnType<typeof createRemindersFeature>;
