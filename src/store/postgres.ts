import pg from 'pg';
import type { Db, Executor, QueryResult } from './db';
import { isPlanChange, TYPE_PARSERS } from './db';
import { StatementNames } from './pg-statements';

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgres(options: { url: string; poolSize: number; applicationName?: string }): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    application_name: options.applicationName ?? 'anshin',
    types,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return new PostgresDb(pool);
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly names = new StatementNames();
  constructor(private readonly pool: pg.Pool) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    let r: pg.QueryResult;
    try {
      r = await this.pool.query(this.names.config(sql, params));
    } catch (err) {
      if (!isPlanChange(err)) throw err;
      this.names.renew();
      r = await this.pool.query(this.names.config(sql, params));
    }
    return { rows: r.rows as T[], affectedRows: r.rowCount ?? undefined };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(clientExecutor(client, this.names));
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
    // A connection of its own for as long as it listens: a pooled one would be handed to queries.
    const client = await this.pool.connect();
    const onNotification = (notification: pg.Notification) => {
      if (notification.channel === channel) onPayload(notification.payload ?? '');
    };
    client.on('notification', onNotification);
    await client.query(`listen ${channel}`);
    return async () => {
      client.off('notification', onNotification);
      await client.query(`unlisten ${channel}`).catch(() => undefined);
      client.release();
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Inside a transaction a statement whose plan changed fails the transaction; the names are renewed for the next. */
function clientExecutor(client: pg.PoolClient, names: StatementNames): Executor {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const r = await client.query(names.config(sql, params));
        return { rows: r.rows as T[], affectedRows: r.rowCount ?? undefined };
      } catch (err) {
        if (isPlanChange(err)) names.renew();
        throw err;
      }
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
