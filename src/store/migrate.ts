import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Any constant: all processes that migrate this database take the same advisory lock. */
const LOCK_KEY = 727_011;

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

/** @public the build test loads it from the compiled dist/ (a dynamic require knip cannot follow) */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction behind a transaction-scoped advisory
 * lock, so two processes starting at once apply each migration exactly once.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  const applied: string[] = [];
  // Nothing pending: touch nothing. The app role (without CREATE on the schema once an owner role
  // migrates) must be able to start on an up-to-date database.
  if (!(await pending(db, migrations))) return applied;
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.exec(
        'create table if not exists schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())',
      );
      const seen = await tx.query('select 1 from schema_migrations where id = $1', [m.id]);
      if (seen.rows.length) return false;
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name]);
      await tx.exec(m.sql);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

async function pending(db: Db, migrations: readonly Migration[]): Promise<boolean> {
  const table = await db.query<{ exists: boolean }>(`select to_regclass('schema_migrations') is not null as exists`);
  if (!table.rows[0]?.exists) return migrations.length > 0;
  const done = await db.query<{ id: number }>('select id from schema_migrations');
  const ids = new Set(done.rows.map((r) => r.id));
  return migrations.some((m) => !ids.has(m.id));
}
