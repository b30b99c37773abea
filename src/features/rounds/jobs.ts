import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import type { RoundService } from './service';

/**
 * The round cascade (resends, escalations) and live tallies are rows with due times; every replica
 * sweeps them on a short tick, so rounds need no queued jobs.
 */
export function roundJobs(deps: { rounds: RoundService; tickerIntervalSeconds: number }): FeatureJobs {
  return {
    handlers: {},
    recurring: [every(deps.tickerIntervalSeconds, { name: 'round tick', run: () => deps.rounds.tick() })],
  };
}
