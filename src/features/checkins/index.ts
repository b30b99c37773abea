/**
 * The check-ins feature's public file: the daily start and end-of-work check-ins (DOMAIN.md F1, F2),
 * `my week`, and the timed check-in cards. Other features listen to the answers through
 * `CheckinListener`s and contribute the pledge and private-PC ports; nothing here imports them.
 */
import type { Config } from '../../config';
import type { LawPolicy } from '../../domain/worktime/law';
import type { RetentionTask } from '../../jobs/retention';
import type { FeatureDeps } from '../feature';
import { checkinsRepo } from './repository';
import { readToday, type ConsoleScope } from './console';
import { checkinActions, checkinCommands } from './actions';
import { checkinJobs } from './jobs';
import { createPlanner } from './planner';
import type { ReminderCounts } from './my-week';
import { createCheckinService, type CheckinListener, type PledgePort } from './service';
import { checkinErrorTexts, checkinFieldLabel } from './texts';

/** @internal the field-label test checks every card input against the features' labels. */
export { checkinFieldLabel } from './texts';

export type { CheckinListener, PledgePort } from './service';
export type { ReminderCounts } from './my-week';

export interface CheckinsOptions {
  readonly scheduler: Config['scheduler'];
  /** Told, in order, inside the transaction that records each answer. */
  readonly listeners: readonly CheckinListener[];
  /** The company's law policy (WORKTIME_*): `my week` shows the week's and month's figures on the law's basis. */
  readonly law?: LawPolicy;
  /** Reminders sent and answered per work day, for `my week`. */
  readonly reminderCounts?: ReminderCounts;
  readonly pledge?: PledgePort;
  /** An active approved private-PC request replaces the directory flag. */
  readonly privatePcApproved?: (userId: string, at: Date) => Promise<boolean>;
}

export function createCheckinsFeature(deps: FeatureDeps, options: CheckinsOptions) {
  const service = createCheckinService({ ...deps, ...options });
  const planner = createPlanner({ ...deps, logger: deps.logger.child({ component: 'planner' }), horizonHours: options.scheduler.horizonHours });
  return {
    name: 'checkins',
    /** Personal data past its period (docs/security.md#retention). */
    retention: [{ kind: 'checkinComments', name: 'check-in comments', run: (ex, before, limit) => checkinsRepo.redactComments(ex, before, limit) }] satisfies RetentionTask[],
    actions: checkinActions(service),
    commands: checkinCommands(service),
    jobs: checkinJobs({ ...deps, checkins: service, scheduler: options.scheduler }, planner),
    /** One planning run: a `checkins-slot` job per (kind, instant) ahead (the recurring task runs it; the bench calls it). */
    planOnce: () => planner.planOnce(),
    /** One slot's fan-out, as its job runs it. */
    fanOut: planner.fanOut,
    errorTexts: checkinErrorTexts,
    fieldLabel: checkinFieldLabel,
    /** The console's compliance overview: the day's check-ins of the tenant or a manager's reports. */
    compliance: { readToday: (scope: ConsoleScope, date: string, now: Date) => readToday(deps.db, deps.companyHolidays, scope, date, now) },
  };
}
