import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { openPglite } from '../../src/store/pglite';
import { openPostgres } from '../../src/store/postgres';

export type StoreKind = 'pglite' | 'postgres';

/** A clone of the migrated template (our schema + pg-boss), in memory. */
export async function openTestPglite(): Promise<Db> {
  const file = inject('pgliteTemplate');
  return openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const IN_CI = process.env.CI === 'true';

/**
 * PostgreSQL tests run when TEST_DATABASE_URL is set; in CI a missing PostgreSQL is a failure, not
 * a skip. Locally they are skipped with this reason.
 */
export function postgresAvailability(): { run: boolean; reason: string } {
  if (TEST_DATABASE_URL) return { run: true, reason: '' };
  if (IN_CI) throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI');
  return { run: false, reason: 'PostgreSQL tests skipped: TEST_DATABASE_URL is not set' };
}

/** A fresh, migrated database on the test server; drop() removes it. */
export async function createTestPostgres(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL not set');
  const name = `anshin_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), poolSize: 10 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The stores a contract suite runs on: PGlite always, PostgreSQL when available. */
export function storeKinds(): StoreKind[] {
  return postgresAvailability().run ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openTestStore(kind: StoreKind): Promise<{ db: Db; url?: string; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openTestPglite();
    return { db, close: () => db.close() };
  }
  const t = await createTestPostgres();
  return { db: t.db, url: t.url, close: t.drop };
}
