import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlanChange, type Db } from '../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from './support/db';

/**
 * Both stores prepare the statements they run (src/store/pglite-statements.ts, src/store/pg-statements.ts).
 * A prepared statement is parsed once per session; a table whose columns change under it (a newer
 * replica's migration during a rolling deploy) must not break the statements of the running version.
 */
describe.each(storeKinds())('prepared statements on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
  });
  afterAll(() => close());

  it('statements with parameters are prepared, under the app\'s names', async () => {
    const names = await db.transaction(async (tx) => {
      await tx.query('select $1::int as n', [1]);
      return tx.query<{ name: string }>("select name from pg_prepared_statements where name like $1 order by name", ['anshin_%']);
    });
    expect(names.rows.length).toBeGreaterThan(0);
  });

  it('a text that does not parse, a value the type refuses: the same error each time, then the statement runs', async () => {
    for (let i = 0; i < 2; i++) await expect(db.query('selec $1::int', [1])).rejects.toMatchObject({ code: '42601' });
    for (let i = 0; i < 2; i++) await expect(db.query('select $1::int as n', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await db.query('select $1::int as n', [5])).rows).toEqual([{ n: 5 }]);
  });

  it('a table that gained a column under a prepared select *: outside a transaction the new column, no error', async () => {
    await db.exec("create table changing (id int primary key, a text); insert into changing values (1, 'x')");
    const sql = 'select * from changing where id = $1';
    // Several times, concurrently: on PostgreSQL every pooled connection gets it prepared.
    for (let i = 0; i < 4; i++) {
      const rows = await Promise.all(Array.from({ length: 12 }, () => db.query(sql, [1])));
      for (const r of rows) expect(r.rows).toEqual([{ id: 1, a: 'x' }]);
    }
    await db.exec("alter table changing add column b text default 'y'");
    const after = await Promise.all(Array.from({ length: 12 }, () => db.query(sql, [1])));
    for (const r of after) expect(r.rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('in a transaction: at most one failure with the plan-change error, then the new column', async () => {
    await db.exec("create table changing_tx (id int primary key, a text); insert into changing_tx values (1, 'x')");
    const sql = 'select * from changing_tx where id = $1';
    const read = () => db.transaction((tx) => tx.query(sql, [1]));
    for (let i = 0; i < 8; i++) expect((await read()).rows).toEqual([{ id: 1, a: 'x' }]);
    await db.exec("alter table changing_tx add column b text default 'y'");
    const first = await read().catch((err: unknown) => (isPlanChange(err) ? 'plan changed' : Promise.reject(err)));
    if (first !== 'plan changed') expect(first.rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    expect((await read()).rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });
});
