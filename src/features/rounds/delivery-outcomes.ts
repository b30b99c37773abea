import type { DeliveryOutcomeListener } from '../../delivery/worker';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { roundsRepo } from './repository';
import { roundOfBatch } from './tally';

/** Outcomes arriving within this window are one write: a fan-out reports dozens a second. */
const COALESCE_MS = 100;

/**
 * A safety card was sent or failed: the round's live tally must say so without waiting for an answer
 * (admins watched 「送信中 6」 for 13 s while five sends had failed). Marks the round dirty; the round
 * tick (every TICKER_INTERVAL_SECONDS) updates the admins' cards, at most once per tally interval.
 */
export function tallyOnDelivery(db: Db, logger: Logger): DeliveryOutcomeListener {
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    const roundIds = [...dirty];
    dirty.clear();
    try {
      await roundsRepo.markTalliesDirty(db, roundIds);
    } catch (err) {
      // The next outcome or answer marks it again; a lost mark only delays the tally.
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'marking round tallies dirty failed');
    }
  };
  return (outcome) => {
    const roundId = roundOfBatch(outcome.batchId);
    if (!roundId) return;
    dirty.add(roundId);
    timer ??= setTimeout(() => void flush(), COALESCE_MS);
    timer.unref();
  };
}
