import type { Config } from '../../config';
import type { Outbox } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import { JOBS } from '../../jobs/names';
import type { JobQueue } from '../../jobs/queue';
import { every, type RecurringTask } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { usersRepo } from '../../store/users';
import { createPlanner } from './planner';
import type { CheckinService } from './service';

export interface CheckinJobsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: JobQueue;
  readonly outbox: Outbox;
  readonly logger: Logger;
  readonly checkins: CheckinService;
  readonly companyHolidays: readonly string[];
  readonly scheduler: Config['scheduler'];
}

/**
 * Check-in cards are timed jobs: planning (recurring, every replica, idempotent through its ledger)
 * creates one `checkins-slot` job per (kind, instant); the slot job creates one `checkins-due` job
 * per person due then, and that job sends the card unless the day is already answered or the user left.
 */
export function checkinJobs(deps: CheckinJobsDeps): FeatureJobs<typeof JOBS.checkinDue | typeof JOBS.checkinSlot> {
  const planner = createPlanner({
    db: deps.db,
    clock: deps.clock,
    queue: deps.queue,
    logger: deps.logger.child({ component: 'planner' }),
    companyHolidays: deps.companyHolidays,
    horizonHours: deps.scheduler.horizonHours,
  });
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
