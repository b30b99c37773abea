import { JOBS, type JobName } from './names';
import type { JobHandler, JobQueue } from './queue';
import type { RecurringTask } from './recurring';

/** One handler per job name: a job added to JOBS without a handler here does not compile. */
export type JobHandlers = { readonly [N in JobName]: JobHandler<N> };

/** Starts working every job queue with its handler (features export their part; wiring merges them). */
export async function registerJobHandlers(queue: JobQueue, handlers: JobHandlers): Promise<void> {
  const register = <N extends JobName>(name: N) => queue.work(name, handlers[name]);
  for (const name of Object.values(JOBS)) await register(name);
}

/** What a feature's jobs.ts hands to the composition root: its job handlers and its timed work. */
export interface FeatureJobs<N extends JobName = never> {
  readonly handlers: Pick<JobHandlers, N>;
  readonly recurring: readonly RecurringTask[];
}
