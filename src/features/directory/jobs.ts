import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';

/**
 * The Graph sync runs on a timer in every replica; the tenant's lease in directory_sync lets one
 * of them sync at a time, and a round that fails is simply tried again at the next tick.
 */
export function directoryJobs(deps: { syncMinutes: number; sync: () => Promise<unknown> }): FeatureJobs {
  return { handlers: {}, recurring: [every(deps.syncMinutes * 60, { name: 'directory sync', run: deps.sync })] };
}
