import { createHash } from 'node:crypto';
import type { AuditChain } from './kinds';

/** What `data` may hold: ids, statuses, rule references, counts — JSON without free text. */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue | undefined };
export type AuditData = { readonly [key: string]: AuditValue | undefined };

/** The prev_hash of a chain's first row (before any retention checkpoint). */
export const GENESIS_HASH = '0'.repeat(64);

/** One row as it is hashed: everything stored except the hash itself. */
export interface ChainedRow {
  readonly seq: number;
  readonly chain: AuditChain;
  readonly at: Date;
  readonly tenantId: string | null;
  readonly kind: string;
  readonly actorId: string | null;
  readonly subjectId: string | null;
  readonly data: AuditData;
  readonly prevHash: string;
}

/**
 * Keys sorted at every level: jsonb gives keys back in its own order, so the hash must not depend
 * on the order an object was built in.
 */
export function canonicalJson(value: AuditValue | undefined): string {
  if (value === undefined || value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${(value as readonly AuditValue[]).map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, AuditValue | undefined>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields a row's hash covers besides its seq and previous hash (the database adds those two). */
export type HashedFields = Omit<ChainedRow, 'seq' | 'prevHash'>;

/**
 * The hashed text between the seq and the previous hash: `,chain,at,tenant,kind,actor,subject,data,`
 * as JSON. The app knows it before it holds the log's lock; the database's audit_append (migration 028)
 * puts `[1,<seq>` before it and `"<prevHash>"]` after it and hashes the whole, as rowHash does.
 */
export function hashedMiddle(row: HashedFields): string {
  return `,${JSON.stringify(row.chain)},${JSON.stringify(row.at.toISOString())},${JSON.stringify(row.tenantId)},${JSON.stringify(row.kind)},${JSON.stringify(row.actorId)},${JSON.stringify(row.subjectId)},${canonicalJson(row.data)},`;
}

/**
 * SHA-256 over one JSON array of the row's fields in a fixed order (the leading 1 versions the
 * layout). The timestamp is hashed as ISO text with milliseconds: what JavaScript writes is what
 * PostgreSQL (microseconds) gives back.
 */
export function rowHash(row: ChainedRow): string {
  const text = `[1,${row.seq}${hashedMiddle(row)}${JSON.stringify(row.prevHash)}]`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Short digest for values that only need comparing (config sections), never for secrets. */
export function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
