import type { Executor } from '../store/db';
import type { Lane } from './outbox';

/** Every lane, so an empty one is reported as 0 (a dashboard then shows the queue drain, not a gap). */
const LANES: Record<Lane, true> = { urgent: true, bulk: true };

/** Deliveries not yet in a final state, per lane (operations gauge). */
export async function queueDepthByLane(ex: Executor): Promise<{ lane: Lane; depth: number }[]> {
  const r = await ex.query<{ lane: Lane; depth: number }>(
    `select lane, count(*)::int as depth from deliveries where status in ('queued', 'claimed', 'sending', 'retrying') group by lane`,
  );
  return (Object.keys(LANES) as Lane[]).map((lane) => ({ lane, depth: r.rows.find((row) => row.lane === lane)?.depth ?? 0 }));
}
