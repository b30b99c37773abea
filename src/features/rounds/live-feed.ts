import type { Db } from '../../store/db';
import type { Logger } from '../../log/logger';

/** The channel migration 022's triggers notify with a round id when its recipients or safety cards change. */
const CHANNEL = 'anshin_round';

/**
 * Tells subscribers that a round changed, on every replica: PostgreSQL (or PGlite) NOTIFY from the
 * triggers, coalesced per round so a burst of 10,000 deliveries turns into a few recomputations per
 * second, not 10,000 (each recomputation is a query over the whole round, and on PGlite the delivery
 * worker waits for it). Only rounds somebody watches cost anything.
 */
export function createLiveFeed(db: Db, logger: Logger, coalesceMs = 1000) {
  const listeners = new Map<string, Set<() => void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const onNotify = (roundId: string) => {
    if (!listeners.has(roundId) || timers.has(roundId)) return;
    timers.set(roundId, setTimeout(() => {
      timers.delete(roundId);
      for (const fn of listeners.get(roundId) ?? []) fn();
    }, coalesceMs));
  };
  return {
    subscribe(roundId: string, onChange: () => void): () => void {
      const set = listeners.get(roundId) ?? new Set();
      set.add(onChange);
      listeners.set(roundId, set);
      return () => {
        set.delete(onChange);
        if (!set.size) listeners.delete(roundId);
      };
    },
    /** LISTENs until the returned cleanup runs. */
    async start(): Promise<() => Promise<void>> {
      const stop = await db.listen(CHANNEL, onNotify);
      logger.debug({ channel: CHANNEL }, 'console live feed listening');
      return async () => {
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
        await stop();
      };
    },
  };
}
