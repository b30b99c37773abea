import { JOBS } from '../../jobs/names';
import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';

/** The `device-action` job (one Intune action, claimed before Graph is called) and the APPI reminder sweep. */
export function deviceJobs(deps: {
  tickSeconds: number;
  runAction: (actionId: string) => Promise<void>;
  appiSweep: () => Promise<unknown>;
  staleSweep: () => Promise<unknown>;
}): FeatureJobs<typeof JOBS.deviceAction> {
  return {
    handlers: { [JOBS.deviceAction]: ({ actionId }) => deps.runAction(actionId) },
    recurring: [
      every(deps.tickSeconds, { name: 'appi reminder sweep', run: deps.appiSweep }),
      every(60, { name: 'intune stale action sweep', run: deps.staleSweep }),
    ],
  };
}
