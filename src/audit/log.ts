import type { Clock } from '../domain/shared/clock';
import type { Executor } from '../store/db';
import { hashedMiddle, type AuditData, type AuditValue } from './hash';
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
  };
}

/**
 * Locks the log and links the row to its chain's head (the database moves the head). Also used by the retention
 * job for its checkpoint rows.
 */
export async function appendToChain(
  tx: Executor,
  entry: { chain: AuditChain; at: Date; kind: AuditKind; tenantId?: string; actorId?: string; subjectId?: string; data: AuditData },
): Promise<StoredRow> {
  const data = normalize(entry.data);
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DATA_BYTES) throw new Error(`audit event ${entry.kind}: data over ${MAX_DATA_BYTES} bytes`);
  const fields = { chain: entry.chain, at: entry.at, tenantId: text(entry.tenantId), kind: entry.kind, actorId: text(entry.actorId), subjectId: text(entry.subjectId), data };
  // One round trip: the database takes the lock, links and hashes the row (migration 028); its insert
  // trigger (migration 019) checks the link against the head and moves the head.
  return auditRepo.append(tx, fields, hashedMiddle(fields));
}

/**
 * PostgreSQL text and jsonb refuse NUL, and jsonb a lone UTF-16 surrogate (text would store it as U+FFFD
 * while the hashed JSON kept its escape): ids and data from outside must not make an append fail or a
 * row fail verification. Both become U+FFFD.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storable = (v: string): string => v.replace(UNSTORABLE, '\uFFFD');
const text = (v: string | undefined): string | null => (v === undefined ? null : storable(v));

/**
 * What jsonb will give back: undefined dropped (in arrays: null), non-finite numbers as null, NUL and
 * lone surrogates replaced in values and keys.
 */
function normalize(data: AuditData): AuditData {
  return clean(data) as AuditData;
}

function clean(v: AuditValue | undefined): AuditValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return storable(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return (v as readonly AuditValue[]).map((x) => clean(x));
  const out: Record<string, AuditValue> = {};
  for (const [k, x] of Object.entries(v as Record<string, AuditValue | undefined>)) if (x !== undefined) out[storable(k)] = clean(x);
  return out;
}
