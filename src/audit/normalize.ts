import type { AuditData, AuditValue } from './hash';

/**
 * PostgreSQL text and jsonb refuse NUL, and jsonb a lone UTF-16 surrogate (text would store it as U+FFFD
 * while the hashed JSON kept its escape): ids and data from outside must not make an append fail or a
 * row fail verification. Both become U+FFFD.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storable = (v: string): string => v.replace(UNSTORABLE, '\uFFFD');
export const text = (v: string | undefined): string | null => (v === undefined ? null : storable(v));

/**
 * What jsonb will give back: undefined dropped (in arrays: null), non-finite numbers as null, NUL and
 * lone surrogates replaced in values and keys.
 */
export function normalize(data: AuditData): AuditData {
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
