import { JOBS } from '../../jobs/names';
import { every, type RecurringTask } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';

/**
 * One durable `gapcheck-due` job per person and work day (created with the end check-in; its row in
 * gap_checks is the idempotency key), and, with Graph, a presence poll of the people between their
 * end check-in and their check.
 */
export function gapcheckJobs(deps: {
  presencePollMinutes: number;
  run: (userId: string, workDate: string) => Promise<unknown>;
  watchAfterWork?: () => Promise<unknown>;
}): FeatureJobs<typeof JOBS.gapcheckDue> {
  const recurring: RecurringTask[] = [];
  if (deps.watchAfterWork) recurring.push(every(deps.presencePollMinutes * 60, { name: 'gap-check presence poll', run: deps.watchAfterWork }));
  return {
    handlers: {
      [JOBS.gapcheckDue]: async (payload) => {
        await deps.run(payload.userId, payload.workDate);
      },
    },
    recurring,
  };
}
