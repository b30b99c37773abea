import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/store/db';
import { openPglite } from '../src/store/pglite';

/**
 * PGlite's statements are prepared once and run with one call into the backend
 * (src/store/pglite-statements.ts). What a caller sees must be what PGlite's own `query` gives: the
 * same values both ways, codes on errors, transactions that keep nothing of a failure. (A failed or
 * changed statement running again is in store-prepared.test.ts, on both stores.)
 */
describe('PGlite prepared statements', () => {
  let db: Db & { readonly pg: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> } };
  beforeAll(async () => {
    db = (await openPglite({})) as typeof db;
  });
  afterAll(() => db.close());

  const at = new Date('2026-12-07T01:02:03.456Z');
  const cases: ReadonlyArray<readonly [string, string, readonly unknown[]]> = [
    ['integers and numerics', 'select $1::int as a, $2::bigint as b, $3::numeric as c, $4::float8 as d, $5::smallint as e', [7, 9_007_199_254_740_000, '12.50', 1.5, -3]],
    ['text, Japanese and emoji', 'select $1::text as a, length($1::text) as n, $2::varchar as b', ['山田 花子 🙂 "quoted" \\ back', 'x']],
    ['booleans and nulls', 'select $1::bool as a, $2::bool as b, $3::text as c, $4::int as d', [true, false, null, undefined]],
    ['json and jsonb', 'select $1::jsonb as a, $2::json as b, $1::jsonb -> $3 as c', [{ k: ['v', 1, null], 名: '値' }, [1, 2], 'k']],
    ['dates and times', "select $1::timestamptz as a, $2::date as b, $1::timestamptz + interval '1 day' as c, $3::timestamp as d", [at, '2026-12-07', '2026-12-07 10:00:00']],
    ['arrays', 'select $1::text[] as a, $2::int[] as b, array_length($1::text[], 1) as n', [['a', 'b,c', '"q"', '日本'], [1, 2, 3]]],
    ['untyped parameters', 'select $1 as a, $2 || $3 as b', ['one', 'two', 'three']],
    ['rows of a table', "select id, n, n * 2 as twice from (values ('a', 1), ('b', 2)) v(id, n) where n >= $1 order by id", [1]],
  ];

  it.each(cases)('%s: the same rows as PGlite\'s query, run after run (custom and then generic plans)', async (_name, sql, params) => {
    const expected = (await db.pg.query(sql, [...params])).rows;
    for (let run = 0; run < 8; run++) expect((await db.query(sql, params)).rows).toEqual(expected);
  });

  it('the same statement with other values gives their rows (the plan is not kept with its values)', async () => {
    const sql = 'select $1::int + $2::int as sum';
    for (let i = 0; i < 12; i++) expect((await db.query<{ sum: number }>(sql, [i, 100])).rows).toEqual([{ sum: i + 100 }]);
  });

  it('a unique violation keeps its code (callers decide on it)', async () => {
    await db.exec('create table uniq (id text primary key)');
    await db.query('insert into uniq (id) values ($1)', ['a']);
    await expect(db.query('insert into uniq (id) values ($1)', ['a'])).rejects.toMatchObject({ code: '23505' });
  });

  it('transactions: kept on success, nothing kept when the callback throws or a statement failed in it', async () => {
    await db.exec('create table tx_rows (id text primary key)');
    await db.transaction(async (tx) => {
      await tx.query('insert into tx_rows (id) values ($1)', ['kept']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_rows (id) values ($1)', ['thrown']);
        throw new Error('callback failed');
      }),
    ).rejects.toThrow('callback failed');
    // The callback swallows a failed statement and returns: PostgreSQL rolls back at COMMIT, and so must the caller hear.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_rows (id) values ($1)', ['swallowed']);
        await tx.query('insert into tx_rows (id) values ($1)', ['kept']).catch(() => undefined);
        return 'done';
      }),
    ).rejects.toThrow(/rolled back/);
    expect((await db.query('select id from tx_rows order by id')).rows).toEqual([{ id: 'kept' }]);
    expect((await db.query<{ n: number }>('select count(*)::int as n from tx_rows where id <> $1', ['kept'])).rows).toEqual([{ n: 0 }]);
  });

  it('statements of a transaction started together each get their own rows (one exchange with the backend at a time)', async () => {
    const rows = await db.transaction((tx) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => tx.query<{ n: number }>(i % 2 ? 'select $1::int as n' : 'select $1::int * 1 as n, $2::text as t', i % 2 ? [i] : [i, 'x']))),
    );
    expect(rows.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('more statement texts than it keeps: the oldest are closed, every text still runs', async () => {
    for (let i = 0; i < 1_100; i++) expect((await db.query<{ n: number }>(`select $1::int + ${i} as n`, [1])).rows).toEqual([{ n: i + 1 }]);
    const open = await db.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements where name like 'anshin_%' and $1", [true]);
    expect(open.rows[0]?.n).toBeLessThanOrEqual(1_000);
    expect((await db.query<{ n: number }>('select $1::int + 0 as n', [3])).rows).toEqual([{ n: 3 }]);
  });
});
