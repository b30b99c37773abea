import type { Clock } from '../domain/shared/clock';
import type { Executor } from '../store/db';
import { hashedMiddle, type AuditData, type HashedFields } from './hash';
import { joinedAppend, type JoinedAppend } from './joined';
import { normalize, text } from './normalize';
import { chainOf, type AuditChain, type AuditKind } from './kinds';
import { auditRepo, type StoredRow } from './repository';

/** A compliance event. `data` holds ids, statuses, rule references and counts — never free text or tokens. */
export interface AuditEvent {
  readonly kind: Exclude<AuditKind, 'audit.checkpoint'>;
  readonly tenantId?: string;
  /** Who did it (user id); absent for the system (JMA feed, scheduler, start-up). */
  readonly actorId?: string;
  /** What it is about: a user, a round, a delivery… */
  readonly subjectId?: string;
  readonly data?: AuditData;
}

/**
 * The audit log as features see it. `append` writes inside the caller's transaction, so an audit
 * row exists exactly when the change it records commits. Call it as the last step of the
 * transaction: it takes the log's lock, which is then held only until the commit.
 */
export interface AuditLog {
  append(tx: Executor, ...events: AuditEvent[]): Promise<void>;
  /**
   * The append of one event as part of the statement that makes the change (see joined.ts): one round
   * trip for both, no transaction needed. `lateKey` names the data value only that statement knows.
   */
  joined(event: AuditEvent, lateKey: string): JoinedAppend;
}

/** Rows larger than this are a bug (free text, a whole card): refuse them loudly. */
const MAX_DATA_BYTES = 8 * 1024;

export function createAuditLog(deps: { clock: Clock }): AuditLog {
  return {
    async append(tx, ...events) {
      if (!events.length) return;
      const at = deps.clock.now();
      for (const e of events) {
        await appendToChain(tx, { chain: chainOf(e.kind), at, kind: e.kind, tenantId: e.tenantId, actorId: e.actorId, subjectId: e.subjectId, data: e.data ?? {} });
      }
    },
    joined(e, lateKey) {
      const entry = { chain: chainOf(e.kind), at: deps.clock.now(), kind: e.kind, tenantId: e.tenantId, actorId: e.actorId, subjectId: e.subjectId, data: e.data ?? {} };
      return joinedAppend(storedFields(entry), lateKey);
    },
  };
}

/**
 * Locks the log and links the row to its chain's head (the database moves the head). Also used by the retention
 * job for its checkpoint rows.
 */
type Entry = { chain: AuditChain; at: Date; kind: AuditKind; tenantId?: string; actorId?: string; subjectId?: string; data: AuditData };

export async function appendToChain(tx: Executor, entry: Entry): Promise<StoredRow> {
  const fields = storedFields(entry);
  // One round trip: the database takes the lock, links and hashes the row (migration 028); its insert
  // trigger (migration 019) checks the link against the head and moves the head.
  return auditRepo.append(tx, fields, hashedMiddle(fields));
}

/** The row's fields as the database will store and give them back (both appends hash these). */
function storedFields(entry: Entry): HashedFields {
  const data = normalize(entry.data);
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DATA_BYTES) throw new Error(`audit event ${entry.kind}: data over ${MAX_DATA_BYTES} bytes`);
  return { chain: entry.chain, at: entry.at, tenantId: text(entry.tenantId), kind: entry.kind, actorId: text(entry.actorId), subjectId: text(entry.subjectId), data };
}
