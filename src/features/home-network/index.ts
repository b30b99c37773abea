/**
 * The home-network feature's public file: the monthly self-check of the home network (G 3 テレワーク場所
 * （自宅）のネットワーク), sent on the first workday of each month and opened by `home network` /
 * `自宅ネットワーク`; answers are recorded and each failure is explained with the guideline's rule.
 * The monthly card is planned in slots (planner.ts): one `homenet-slot` job per (month, instant) that
 * fans out one `homenet-due` job per person.
 */
import { JOBS, type JobPayloads } from '../../jobs/names';
import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import { usersRepo } from '../../store/users';
import type { FeatureDeps } from '../feature';
import { homeNetworkActions, homeNetworkCommands } from './actions';
import { createHomeNetworkPlanner } from './planner';
import { createHomeNetworkService } from './service';
import { homeNetworkFieldLabel } from './texts';

/** @internal the field-label test checks every card input against the features' labels. */
export { homeNetworkFieldLabel } from './texts';

export interface HomeNetworkOptions {
  /** Off: no monthly card (the command still opens it). */
  readonly settings: { readonly monthly: boolean; readonly time: string; readonly planIntervalSeconds: number; readonly horizonHours: number };
}

export function createHomeNetworkFeature(deps: FeatureDeps, options: HomeNetworkOptions) {
  const { settings } = options;
  const service = createHomeNetworkService(deps);
  const planner = createHomeNetworkPlanner({ ...deps, logger: deps.logger.child({ component: 'home-network' }), time: settings.time, horizonHours: settings.horizonHours });
  const jobs: FeatureJobs<typeof JOBS.homeNetworkDue | typeof JOBS.homeNetworkSlot> = {
    handlers: {
      // One slot per (month, instant): one `homenet-due` job per person due then.
      [JOBS.homeNetworkSlot]: async (slot) => {
        if (settings.monthly) await planner.fanOut(slot);
      },
      // The person's card, once a month (home_network_checks.sent_at): a repeated job sends nothing.
      [JOBS.homeNetworkDue]: async ({ userId, month }) => {
        const user = await usersRepo.get(deps.db, userId);
        if (!user?.active || !settings.monthly) return;
        if (await service.send(user, month)) deps.outbox.notify();
      },
    },
    recurring: settings.monthly ? [every(settings.planIntervalSeconds, { name: 'home-network planning', runAtStart: true, run: () => planner.planOnce() })] : [],
  };
  return {
    name: 'home-network',
    actions: homeNetworkActions(service),
    commands: homeNetworkCommands(service),
    fieldLabel: homeNetworkFieldLabel,
    jobs,
    /** One planning run (the recurring task runs it; tests call it on a fake clock). */
    plan: () => planner.planOnce(),
    /**
     * One slot's fan-out, as its job runs it (tests repeat it like a retried job).
     * @internal
     */
    fanOut: (slot: JobPayloads['homenet-slot']) => planner.fanOut(slot),
  };
}
