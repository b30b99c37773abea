import type { Config } from '../config';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

/** Opens the configured store and brings its schema up to date. */
export async function openStore(store: Config['store']): Promise<Db> {
  const db = store.kind === 'postgres' ? await openPostgres({ url: store.url, poolSize: store.poolSize }) : await openPglite({ dataDir: store.dataDir });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
