import type { Config } from '../../config';
import { JOBS } from '../../jobs/names';
import { every, type RecurringTask } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import { usersRepo } from '../../store/users';
import type { FeatureDeps } from '../feature';
import type { Planner } from './planner';
import type { CheckinService } from './service';

export interface CheckinJobsDeps extends Pick<FeatureDeps, 'db' | 'outbox'> {
  readonly checkins: CheckinService;
  readonly scheduler: Config['scheduler'];
}

/**
 * Check-in cards are timed jobs: planning (recurring, every replica, idempotent through its ledger)
 * creates one `checkins-slot` job per (kind, instant); the slot job creates one `checkins-due` job
 * per person due then, and that job sends the card unless the day is already answered or the user left.
 */
export function checkinJobs(deps: CheckinJobsDeps, planner: Planner): FeatureJobs<typeof JOBS.checkinDue | typeof JOBS.checkinSlot> {
  const planning: RecurringTask = every(deps.scheduler.intervalSeconds, { name: 'planning', runAtStart: true, run: () => planner.planOnce() });

  return {
    handlers: {
      [JOBS.checkinDue]: async (payload) => {
        const user = await usersRepo.get(deps.db, payload.userId);
        if (!user?.active) return;
        if (await deps.checkins.sendScheduled(user, payload.localDate, payload.kind)) deps.outbox.notify();
      },
      [JOBS.checkinSlot]: async (payload) => {
        await planner.fanOut(payload.kind, new Date(payload.at));
      },
    },
    recurring: [planning],
  };
}
