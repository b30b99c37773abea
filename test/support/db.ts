import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Db } from '../../src/store/db';
import { openPglite } from '../../src/store/pglite';
import { createScratchPostgres, type ScratchPostgres } from './scratch-postgres';

export type StoreKind = 'pglite' | 'postgres';

/** A clone of the migrated template (our schema + pg-boss), in memory. */
export async function openTestPglite(): Promise<Db> {
  const file = inject('pgliteTemplate');
  return openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const IN_CI = process.env.CI === 'true';

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
export async function createTestPostgres(): Promise<ScratchPostgres> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL not set');
  return createScratchPostgres(TEST_DATABASE_URL, 'anshin_t_');
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
  const scratch = await createTestPostgres();
  return { db: scratch.db, url: scratch.url, close: scratch.drop };
}
