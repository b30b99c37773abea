import type { PollResult } from '../feeds/jma-poller';
import type { AppMetrics, JmaPollOutcome } from './metrics';

/** The poller's `onPolled`: one count per poll, so a silent feed outage shows as a run of errors. */
export function countJmaPolls(metrics: AppMetrics): (result: PollResult) => void {
  return (result) => metrics.jmaPolls.add(1, { outcome: pollOutcome(result) });
}

function pollOutcome(result: PollResult): JmaPollOutcome['outcome'] {
  if (result.errors > 0) return 'error';
  if (result.notModified) return 'not_modified';
  return result.new > 0 ? 'reports' : 'no_news';
}
