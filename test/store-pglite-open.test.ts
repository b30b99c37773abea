import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/store/migrate';
import { openPglite } from '../src/store/pglite';

/**
 * The embedded database's own directory: a new one is created apart (initdb in a child process, whose
 * WASM memory goes away with it), then opened; what was written is there after a reopen; a directory
 * that cannot hold a database gets an error naming it.
 */
describe('PGlite data directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'anshin-pglite-open-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates a new directory apart, opens it, and keeps what was written across a reopen', async () => {
    const dataDir = path.join(root, 'data');
    const first = await openPglite({ dataDir });
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    await migrate(first);
    await first.query(`insert into users (id, tenant_id, name) values ('u-1', 't-1', '山田 花子')`);
    await first.close();
    const again = await openPglite({ dataDir });
    expect((await again.query<{ name: string }>(`select name from users where id = 'u-1'`)).rows).toEqual([{ name: '山田 花子' }]);
    await again.close();
  }, 60_000);

  it('a directory that cannot hold a database: the error names it', async () => {
    writeFileSync(path.join(root, 'not-a-dir'), 'x');
    // The data directory's parent is a file: nothing can be created under it.
    await expect(openPglite({ dataDir: path.join(root, 'not-a-dir', 'data') })).rejects.toThrow(/not-a-dir/);
  });
});
