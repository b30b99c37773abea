/**
 * The database port. One SQL dialect (PostgreSQL) served by two adapters: PGlite (embedded,
 * WASM, one connection) and PostgreSQL (pool). Repositories take an `Executor` so the same code
 * runs inside or outside a transaction.
 */
export interface QueryResult<T> {
  rows: T[];
  affectedRows?: number;
}

export interface Executor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Executor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; inside it, use only the given executor. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: `onPayload` hears every NOTIFY on it, from this process or any replica
   * (the console's live views). Returns how to stop listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Type ids whose default parsing differs between pg and PGlite; both adapters use these. */
export const TYPE_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  20: (v) => Number(v), // int8: counts and ids stay far below 2^53
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date: keep 'YYYY-MM-DD', never a Date shifted by the process time zone
};

/**
 * "cached plan must not change result type": a prepared statement reads a table whose columns changed
 * since it was prepared (a migration by a newer replica during a rolling deploy, or a test's ALTER).
 * Both adapters prepare statements and prepare them again on this error.
 */
export function isPlanChange(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan');
}
