import type { Config } from '../config';
import type { Db } from '../store/db';
import { canonicalJson, digest, type AuditValue } from './hash';
import { AUDIT_KINDS } from './kinds';
import type { AuditLog } from './log';
import { auditRepo } from './repository';

/** Keys whose values never reach the log, not even hashed (a weak password's hash can be guessed). */
const SECRET_KEY = /(secret|password|passwd|token|credential|connectionstring|apikey|privatekey|signingkey)/i;

/**
 * The configuration as the audit log may see it: secrets replaced by whether they are set, URLs
 * reduced to scheme, host and path (a DATABASE_URL carries a password, a query string may too).
 */
function publicView(value: unknown, key = ''): AuditValue {
  if (SECRET_KEY.test(key)) return Array.isArray(value) ? `[${value.length} set]` : value ? '[set]' : null;
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => publicView(v));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, publicView(v, k)]));
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return withoutCredentials(value);
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '[unparsable url]';
  }
}

/** A short hash per top-level section, and one over them all. */
function configFingerprint(config: Config): { configHash: string; sections: Record<string, string> } {
  const view = publicView(config) as Record<string, AuditValue>;
  const sections = Object.fromEntries(Object.keys(view).sort().map((k) => [k, digest(canonicalJson(view[k])).slice(0, 16)]));
  return { configHash: digest(canonicalJson(sections)), sections };
}

/**
 * config.loaded at start, when the configuration differs from the last one recorded (so a replica
 * restart with the same settings writes nothing). Names the sections that changed, never values.
 */
export async function recordConfigLoaded(db: Db, audit: AuditLog, config: Config): Promise<boolean> {
  const { configHash, sections } = configFingerprint(config);
  return db.transaction(async (tx) => {
    // Under the log's lock, so replicas starting together compare with each other's rows.
    await auditRepo.lock(tx);
    const last = await auditRepo.latestOfKind(tx, 'general', AUDIT_KINDS.configLoaded);
    const before = last?.data as { configHash?: string; sections?: Record<string, string> } | undefined;
    if (before?.configHash === configHash) return false;
    const keys = [...new Set([...Object.keys(sections), ...Object.keys(before?.sections ?? {})])].sort();
    const changed = before ? keys.filter((k) => before.sections?.[k] !== sections[k]) : keys;
    await audit.append(tx, { kind: AUDIT_KINDS.configLoaded, data: { configHash, sections, changed, first: !before, localMode: config.localMode, store: config.store.kind } });
    return true;
  });
}
