import { randomUUID } from 'node:crypto';
import { hashedMiddle, type HashedFields } from './hash';

/**
 * An audit append run by the statement that makes the change it records (issue 20: the safety answer
 * in one round trip, no transaction around it). The statement calls `audit_append` (migration 028) in
 * a CTE; the row it appends is exactly the one `AuditLog.append` would write, hashed the same way. One
 * data value may be known only to that statement (the id of the row it inserts): the caller names its
 * key, and gives its SQL expression (text; an id: the JSON text of digits is the same in JavaScript
 * and PostgreSQL) when it places the call.
 */
export interface JoinedAppend {
  /** `audit_append(...)` with this append's parameters numbered from `first`; usable in FROM (columns seq, prev_hash, hash). */
  call(first: number, lateValueSql: string): string;
  readonly params: readonly unknown[];
}

export function joinedAppend(fields: HashedFields, lateKey: string): JoinedAppend {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(lateKey) || lateKey in fields.data) throw new Error(`audit: late key ${lateKey} must be a new plain key`);
  // The hashed text with a stand-in where the late value goes, cut there: the database joins the parts
  // around the value's JSON text (keys are sorted in the text, so the place depends on the key only).
  const standIn = `late-${randomUUID()}`;
  const parts = hashedMiddle({ ...fields, data: { ...fields.data, [lateKey]: standIn } }).split(JSON.stringify(standIn));
  if (parts.length !== 2) throw new Error('audit: the late value could not be placed');
  const params = [fields.chain, fields.at, fields.tenantId, fields.kind, fields.actorId, fields.subjectId, JSON.stringify(fields.data), parts[0], parts[1]];
  return {
    params,
    call(first, lateValueSql) {
      const [chain, at, tenant, kind, actor, subject, data, before, after] = params.map((_, i) => `$${first + i}`);
      const late = `(${lateValueSql})::text`;
      return `audit_append(${chain}, ${at}, ${tenant}, ${kind}, ${actor}, ${subject}, ${data}::jsonb || jsonb_build_object('${lateKey}', ${late}), ${before} || to_json(${late})::text || ${after})`;
    },
  };
}
