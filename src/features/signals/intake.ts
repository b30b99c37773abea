import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditLog } from '../../audit/log';
import type { Clock } from '../../domain/shared/clock';
import type { SignalEvent, SignalOutcome } from '../../domain/signals/event';
import { JOBS } from '../../jobs/names';
import type { JobQueue } from '../../jobs/queue';
import type { Db } from '../../store/db';
import { usersRepo } from '../../store/users';
import { groupCommit } from './group-commit';
import { signalsRepo } from './repository';

export interface SignalIntakeDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: Pick<JobQueue, 'sendMany'>;
  readonly audit: AuditLog;
}

const MAX_BATCH = 100;

/**
 * Accepting an event = storing it and its processing job in one transaction: the 202 promises the
 * event will be processed, and a crash after the answer must not lose it (nor process it twice).
 * Requests that arrive together share that transaction (group commit), so the webhook keeps up
 * with a burst from a VPN gateway instead of paying one commit per event.
 */
export function createSignalIntake(deps: SignalIntakeDeps) {
  // One flush at a time, on PostgreSQL too: measured (bench:signals, 10 connections) one flush at
  // a time gave 320–540 events/s, two 230–240, four 170–250: fewer, larger transactions win.
  const accept = groupCommit((events: readonly SignalEvent[]) => storeInOrder(deps, events), MAX_BATCH);
  return { accept };
}

/** The same id twice in one batch: the later one is stored after the first, as if sent after it. */
async function storeInOrder(deps: SignalIntakeDeps, events: readonly SignalEvent[]): Promise<SignalOutcome[]> {
  const outcomes: SignalOutcome[] = new Array<SignalOutcome>(events.length);
  let left = events.map((event, index) => ({ event, index }));
  while (left.length) {
    const seen = new Set<string>();
    const now = left.filter(({ event }) => !seen.has(event.id) && seen.add(event.id));
    left = left.filter((item) => !now.includes(item));
    const stored = await storeBatch(deps, now.map((item) => item.event));
    now.forEach((item, i) => (outcomes[item.index] = stored[i] as SignalOutcome));
  }
  return outcomes;
}

/** Events with distinct ids. */
async function storeBatch(deps: SignalIntakeDeps, events: readonly SignalEvent[]): Promise<SignalOutcome[]> {
  const owners = await usersRepo.findByReferences(deps.db, events.map((e) => e.user));
  const known = events.flatMap((event, i) => {
    const owner = owners[i];
    return owner ? [{ event, owner }] : [];
  });
  const inserted = known.length
    ? await deps.db.transaction(async (tx) => {
        const ids = await signalsRepo.insertMany(tx, known, deps.clock.now());
        await deps.queue.sendMany(JOBS.signalsProcess, [...ids].map((eventId) => ({ eventId })), { tx });
        const received = known.filter(({ event }) => ids.has(event.id));
        await deps.audit.append(
          tx,
          ...received.map(({ event, owner }) => ({ kind: AUDIT_KINDS.signalReceived, tenantId: owner.tenantId, subjectId: owner.id, data: { eventId: event.id, type: event.type } })),
        );
        return ids;
      })
    : new Set<string>();
  // The contract makes "the same id again" a duplicate whatever else it says, even about the person.
  const unknown = events.filter((_, i) => !owners[i]).map((e) => e.id);
  const storedBefore = unknown.length ? await signalsRepo.existing(deps.db, unknown) : new Set<string>();
  return events.map((event, i) => {
    if (!owners[i]) return storedBefore.has(event.id) ? 'duplicate' : 'unknown-user';
    return inserted.has(event.id) ? 'accepted' : 'duplicate';
  });
}
