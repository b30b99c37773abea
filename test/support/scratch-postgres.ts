import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { openPostgres } from '../../src/store/postgres';

export interface ScratchPostgres {
  readonly db: Db;
  readonly url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database named `<prefix><random>` on the server at `serverUrl`. Free of vitest
 * so the benchmarks use it too (test/support/db.ts adds the vitest parts).
 */
export async function createScratchPostgres(serverUrl: string, prefix: string): Promise<ScratchPostgres> {
  const name = `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), poolSize: 10 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
