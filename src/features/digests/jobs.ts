import { JOBS, type JobPayloads } from '../../jobs/names';
import { every, type RecurringTask } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';

/**
 * Digests are timed jobs: planning (recurring, every replica, idempotent through its ledger) creates
 * one `digests-slot` job per digest instant; the slot job creates one `digests-due` job per recipient
 * due then, which sends the day's digests once (digest_runs, outbox keys).
 */
export function digestJobs(deps: {
  intervalSeconds: number;
  plan: () => Promise<unknown>;
  fanOut: (slot: JobPayloads['digests-slot']) => Promise<unknown>;
  run: (userId: string, localDate: string) => Promise<unknown>;
}): FeatureJobs<typeof JOBS.digestDue | typeof JOBS.digestSlot> {
  const recurring: RecurringTask[] = [every(deps.intervalSeconds, { name: 'digest planning', runAtStart: true, run: deps.plan })];
  return {
    handlers: {
      [JOBS.digestDue]: async (payload) => {
        await deps.run(payload.userId, payload.localDate);
      },
      [JOBS.digestSlot]: async (payload) => {
        await deps.fanOut(payload);
      },
    },
    recurring,
  };
}
