import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Db } from './db';
import { auditLogWritableBy, grantAppRole } from './grants';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

/**
 * Opens the configured store and brings its schema up to date. With an owner role
 * (DATABASE_OWNER_URL) the owner migrates and grants, and the app connects as its own role, which
 * cannot rewrite the audit log; without one the app migrates as today and a warning says the log is
 * protected by its hash chain and external anchors only (docs/security.md).
 */
export async function openStore(store: Config['store'], logger?: Pick<Logger, 'warn'>): Promise<Db> {
  if (store.kind === 'pglite') {
    const db = await openPglite({ dataDir: store.dataDir });
    return migrated(db);
  }
  if (store.ownerUrl) {
    const owner = await openPostgres({ url: store.ownerUrl, poolSize: 1, applicationName: 'anshin-migrate' });
    try {
      await migrate(owner);
      await grantAppRole(owner, decodeURIComponent(new URL(store.url).username));
    } finally {
      await owner.close();
    }
  }
  const db = await openPostgres({ url: store.url, poolSize: store.poolSize });
  await migrated(db);
  if (await auditLogWritableBy(db)) {
    logger?.warn(
      store.ownerUrl
        ? 'audit log not protected: the app role (DATABASE_URL) owns audit_log or is a superuser; give it its own role (docs/security.md)'
        : 'audit log not protected: no DATABASE_OWNER_URL, the app role owns the schema and could rewrite audit_log (docs/security.md)',
    );
  }
  return db;
}

/** Without an owner role, the app's own connection migrates; with one, this finds nothing pending. */
async function migrated(db: Db): Promise<Db> {
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
