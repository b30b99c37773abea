import { AsyncLocalStorage } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Executor, QueryResult } from './db';
import { TYPE_PARSERS } from './db';
import { PgliteStatements } from './pglite-statements';

/**
 * PGlite has one connection. Every call is serialized through one queue, and a transaction holds
 * the queue until it ends. A query on the outer handle from inside a transaction callback would
 * wait for the transaction forever; AsyncLocalStorage turns that deadlock into an immediate error.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Db> {
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    if (!options.loadDataDir) await initializeApart(options.dataDir);
  }
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: TYPE_PARSERS,
    // PostgreSQL's default 128 MB of shared buffers lives inside the WASM heap and is never given
    // back; this database is small and its files are in the OS cache anyway.
    postgresqlconf: ['shared_buffers=16MB'],
  });
  return new PgliteDb(pg);
}

/**
 * A new data directory is created (initdb) in a short-lived child process. Inside the WASM module
 * initdb grows its memory to ~660 MB, and WebAssembly memory is never given back: run in the app's
 * own process, a first start kept ~850 MB RSS for as long as it ran (the same directory reopened:
 * ~320 MB). An existing directory (PG_VERSION present) is opened as it is.
 */
async function initializeApart(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const script = `require(${JSON.stringify(require.resolve('@electric-sql/pglite'))}).PGlite.create(${JSON.stringify(dataDir)})
    .then((db) => db.close()).then(() => process.exit(0), (err) => { console.error(String(err)); process.exit(1); });`;
  try {
    await promisify(execFile)(process.execPath, ['-e', script], { timeout: 120_000 });
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err instanceof Error ? err.message : String(err));
    throw new Error(`PGlite: could not create the database in ${dataDir}: ${detail}`);
  }
}

const insideTransaction = new AsyncLocalStorage<boolean>();

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly statements: PgliteStatements;

  constructor(readonly pg: PGlite) {
    this.statements = new PgliteStatements(pg);
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    if (insideTransaction.getStore()) {
      return Promise.reject(new Error('PGlite: outer query inside a transaction; use the transaction executor'));
    }
    if (this.closed) return Promise.reject(new Error('database is closed'));
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return this.serialize(() => this.run<T>(sql, params, false));
  }

  exec(sql: string): Promise<void> {
    return this.serialize(async () => {
      await this.statements.simple(sql);
    });
  }

  /**
   * BEGIN, the callback's statements, COMMIT — on the queue, which the transaction holds until it ends.
   * A COMMIT that PostgreSQL answers with ROLLBACK (a statement failed and the callback went on) throws:
   * nothing of the transaction was kept.
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      await this.statements.simple('BEGIN');
      let result: T;
      try {
        result = await insideTransaction.run(true, () => fn(this.executor()));
      } catch (err) {
        await this.statements.simple('ROLLBACK').catch(() => undefined);
        throw err;
      }
      const commit = await this.statements.simple('COMMIT');
      if (commit.command === 'ROLLBACK') throw new Error('PGlite: the transaction was aborted by a failed statement and rolled back');
      return result;
    });
  }

  private executor(): Executor {
    return {
      query: <T>(sql: string, params: readonly unknown[] = []) => this.run<T>(sql, params, true),
      exec: async (sql: string) => {
        await this.statements.simple(sql);
      },
    };
  }

  /**
   * A parameterless text may hold several statements (pg-boss sends its install script that way), which
   * the extended protocol refuses: run those through the simple protocol and return the last result.
   */
  private run<T>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<QueryResult<T>> {
    return params.length === 0 ? this.statements.simple<T>(sql) : this.statements.run<T>(sql, params, inTransaction);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // PGlite delivers its own session's notifications, which is all there is on one embedded database.
    const stop = await this.serialize(() => this.pg.listen(channel, onPayload));
    return () => this.serialize(() => stop()).catch(() => undefined);
  }

  async dump(): Promise<Blob> {
    return this.serialize(() => this.pg.dumpDataDir('none'));
  }

  async close(): Promise<void> {
    await this.serialize(async () => {
      this.closed = true;
      await this.pg.close();
    }).catch(() => undefined);
  }
}

/**
 * Dumps a PGlite database (tests clone one migrated template instead of running initdb each time).
 * @internal used by the test setup only.
 */
export function dumpPglite(db: Db): Promise<Blob> {
  if (!(db instanceof PgliteDb)) throw new Error('not a PGlite database');
  return db.dump();
}
