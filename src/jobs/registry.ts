import { inSpan } from '../telemetry/tracing';
import { JOBS, type JobName } from './names';
import type { JobHandler, JobQueue } from './queue';
import type { RecurringTask } from './recurring';

/** One handler per job name: a job added to JOBS without a handler here does not compile. */
export type JobHandlers = { readonly [N in JobName]: JobHandler<N> };

/** Starts working every job queue with its handler (features export their part; wiring merges them). */
export async function registerJobHandlers(queue: JobQueue, handlers: JobHandlers): Promise<void> {
  // A span per job: with telemetry off the API's no-op costs a function call.
  const register = <N extends JobName>(name: N) =>
    queue.work(name, (payload, meta) => inSpan(`job ${name}`, { 'job.name': name, 'job.id': meta.id }, () => handlers[name](payload, meta)));
  for (const name of Object.values(JOBS)) await register(name);
}

/** What a feature's jobs.ts hands to the composition root: its job handlers and its timed work. */
export interface FeatureJobs<N extends JobName = never> {
  readonly handlers: Pick<JobHandlers, N>;
  readonly recurring: readonly RecurringTask[];
}
