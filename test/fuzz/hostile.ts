import fc from 'fast-check';
import type { Db } from '../../src/store/db';

/**
 * Hostile inputs for the property tests: wrong types, huge and odd strings, unicode that breaks naive
 * code (surrogates, RTL override, NUL), prototype-pollution keys and deep nesting.
 */

/** Bounded so the suite stays within its minute (set FUZZ_RUNS to search longer). */
export const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? n);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'] as const;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u202d',
  '\ud800',
  '\udfff\ud800',
  '𝕏🙂👨‍👩‍👧',
  'ｓｔａｒｔ',
  '＝1+1',
  '=HYPERLINK("http://x")',
  '<'.repeat(20_000),
  '<at>Anshin</at>'.repeat(200),
  'x'.repeat(120_000),
  '2026-02-30',
  '9999-99-99',
  '25:61',
  '-0',
  'NaN',
  '1e309',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  "' or 1=1 --",
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%ff',
  '00000000-0000-0000-0000-000000000000',
  ...PROTO_KEYS,
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...ODD_STRINGS),
);

const key: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }));

/** Any JSON value, keys included, built from the pieces above. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A JSON text nested `depth` levels deep, as an object or an array chain (built as text: too deep for recursion). */
export const deepJson: fc.Arbitrary<string> = fc
  .record({ depth: fc.integer({ min: 50, max: 50_000 }), arrays: fc.boolean() })
  .map(({ depth, arrays }) => (arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Keys that would pollute Object.prototype in code that merges input into objects. */
export const POLLUTION = '{"__proto__":{"isAdmin":true,"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';

/** `base` with one required field replaced by a value that field can never accept. */
export function corrupt(base: Record<string, unknown>, required: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const wrong = fc.oneof(hostileValue.filter((v) => typeof v !== 'string'), hostileString.map((s) => `${s}\u0000!`), fc.constant(undefined));
  return fc.record({ field: fc.constantFrom(...required), value: wrong, extra: fc.dictionary(key, hostileValue, { maxKeys: 3 }) }).map(({ field, value, extra }) => {
    const out: Record<string, unknown> = { ...extra, ...base };
    if (value === undefined) delete out[field];
    else out[field] = value;
    return out;
  });
}

/** Row counts of the tables a hostile request must never write to. */
export async function rowCounts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const select = tables.map((t) => `(select count(*)::int from ${t}) as "${t}"`).join(', ');
  const r = await db.query<Record<string, number>>(`select ${select}`);
  return r.rows[0] ?? {};
}

/** Every body a refused request may get (src/teams/http-adapter.ts, src/http/server.ts). */
export const FIXED_REFUSALS = [
  '{"error":"bad request"}',
  '{"error":"too large"}',
  '{"error":"unauthorized"}',
  '{"error":"tenant not allowed"}',
  '{"error":"channel not allowed"}',
  '{"error":"sender not identified"}',
];

/** Object.prototype must come out of every run as it went in. */
export function prototypeIntact(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted === undefined && probe.isAdmin === undefined && Object.getOwnPropertyNames(Object.prototype).every((k) => k !== 'polluted' && k !== 'isAdmin');
}
