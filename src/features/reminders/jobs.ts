import { every, type RecurringTask } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';

/**
 * Reminders are rows with due times swept on a short tick (every replica; each row is claimed once),
 * and, when Graph is there, a presence poll every few minutes. No queued jobs.
 */
export function reminderJobs(deps: {
  tickSeconds: number;
  presencePollMinutes: number;
  sweep: () => Promise<unknown>;
  watchPresence?: () => Promise<unknown>;
}): FeatureJobs {
  const recurring: RecurringTask[] = [every(deps.tickSeconds, { name: 'reminder sweep', run: deps.sweep })];
  if (deps.watchPresence) recurring.push(every(deps.presencePollMinutes * 60, { name: 'presence poll', run: deps.watchPresence }));
  return { handlers: {}, recurring };
}
