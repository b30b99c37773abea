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
/** An event and the tenant whose secret signed it. */
interface Incoming {
  readonly event: SignalEvent;
  readonly tenantId: string;
}

export function createSignalIntake(deps: SignalIntakeDeps) {
  // One flush at a time, on PostgreSQL too: measured (bench:signals, 10 connections) one flush at
  // a time gave 320–540 events/s, two 230–240, four 170–250: fewer, larger transactions win.
  const accept = groupCommit((items: readonly Incoming[]) => storeInOrder(deps, items), MAX_BATCH);
  return { accept: (event: SignalEvent, tenantId: string) => accept({ event, tenantId }) };
}

/** The same id twice in one batch (same tenant): the later one is stored after the first, as if sent after it. */
async function storeInOrder(deps: SignalIntakeDeps, items: readonly Incoming[]): Promise<SignalOutcome[]> {
  const outcomes: SignalOutcome[] = new Array<SignalOutcome>(items.length);
  let left = items.map((item, index) => ({ item, index }));
  while (left.length) {
    const seen = new Set<string>();
    const now = left.filter(({ item }) => !seen.has(`${item.tenantId}\n${item.event.id}`) && seen.add(`${item.tenantId}\n${item.event.id}`));
    left = left.filter((entry) => !now.includes(entry));
    const stored = await storeBatch(deps, now.map((entry) => entry.item));
    now.forEach((entry, i) => (outcomes[entry.index] = stored[i] as SignalOutcome));
  }
  return outcomes;
}

/** Events with distinct (tenant, id): people are looked up in each event's own tenant. */
async function storeBatch(deps: SignalIntakeDeps, items: readonly Incoming[]): Promise<SignalOutcome[]> {
  const tenants = [...new Set(items.map((item) => item.tenantId))];
  const owners = new Map<Incoming, { id: string; tenantId: string }>();
  for (const tenantId of tenants) {
    const ofTenant = items.filter((item) => item.tenantId === tenantId);
    const found = await usersRepo.findByReferences(deps.db, tenantId, ofTenant.map((item) => item.event.user));
    ofTenant.forEach((item, index) => {
      const owner = found[index];
      if (owner) owners.set(item, owner);
    });
  }
  const known = items.filter((item) => owners.has(item));
  const inserted = known.length
    ? await deps.db.transaction(async (tx) => {
        const ids = new Set<Incoming>();
        for (const tenantId of tenants) {
          const rows = known.filter((item) => item.tenantId === tenantId);
          if (!rows.length) continue;
          const written = await signalsRepo.insertMany(tx, tenantId, rows.map((item) => ({ event: item.event, ownerId: (owners.get(item) as { id: string }).id })), deps.clock.now());
          for (const item of rows) if (written.has(item.event.id)) ids.add(item);
        }
        await deps.queue.sendMany(JOBS.signalsProcess, [...ids].map((item) => ({ eventId: item.event.id, tenantId: item.tenantId })), { tx });
        await deps.audit.append(
          tx,
          ...[...ids].map((item) => ({ kind: AUDIT_KINDS.signalReceived, tenantId: item.tenantId, subjectId: owners.get(item)?.id, data: { eventId: item.event.id, type: item.event.type } })),
        );
        return ids;
      })
    : new Set<Incoming>();
  // The contract makes "the same id again" a duplicate whatever else it says, even about the person.
  const unknown = items.filter((item) => !owners.has(item));
  const storedBefore = new Set<Incoming>();
  for (const tenantId of new Set(unknown.map((item) => item.tenantId))) {
    const ofTenant = unknown.filter((item) => item.tenantId === tenantId);
    const ids = await signalsRepo.existing(deps.db, tenantId, ofTenant.map((item) => item.event.id));
    for (const item of ofTenant) if (ids.has(item.event.id)) storedBefore.add(item);
  }
  return items.map((item) => {
    if (!owners.has(item)) return storedBefore.has(item) ? 'duplicate' : 'unknown-user';
    return inserted.has(item) ? 'accepted' : 'duplicate';
  });
}
