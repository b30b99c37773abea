import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { isPlanChange, type QueryResult } from './db';

type Message = Parameters<typeof parse.parseResults>[0][number];

/** A statement prepared on PGlite's one session: its name and its parameters' types. */
interface Prepared {
  readonly name: string;
  readonly types: readonly number[];
}

/** Enough for every statement text the app and pg-boss send; beyond it the oldest is closed. */
const MAX_PREPARED = 1_000;

/**
 * PGlite's `query` sends six protocol messages, each a separate call into the WASM backend (parse,
 * describe, bind, describe, execute, sync), and PostgreSQL parses, analyzes and plans the text every
 * time. Here a statement text is prepared once under a name (parse + describe: its parameters' types),
 * and each execution is one call: bind, describe, execute, sync. PostgreSQL keeps the parsed statement
 * and, after five executions, may reuse a generic plan — as any PostgreSQL client with prepared
 * statements gets. Values are serialized and rows parsed by PGlite's own serializers and parsers (by
 * the types the backend reported), so results are the same as `query`'s.
 *
 * PGlite is one process with one session and migrates before its first statement: no other replica
 * changes a table under a prepared statement (on PostgreSQL one can: src/store/pg-statements.ts). Should
 * a statement's result type change anyway (a test altering a table), it is prepared again and run once
 * more (outside a transaction).
 */
export class PgliteStatements {
  private readonly prepared = new Map<string, Prepared>();
  private counter = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly pg: PGlite) {}

  /**
   * One exchange with the backend at a time: PGlite keeps the exchange's results in one place, so two
   * statements of a transaction started together (Promise.all) would read each other's rows.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Inside a transaction a failed statement aborts it: the changed statement is only forgotten, not run again. */
  run<T>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<QueryResult<T>> {
    return this.exclusive(() => this.runNow<T>(sql, params, inTransaction));
  }

  /** A text without parameters, possibly several statements (simple protocol): the last result. */
  simple<T>(sql: string): Promise<QueryResult<T> & { readonly command?: string }> {
    return this.exclusive(() => this.simpleNow<T>(sql));
  }

  private async runNow<T>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<QueryResult<T>> {
    try {
      return await this.execute<T>(sql, params);
    } catch (err) {
      if (!isPlanChange(err)) throw err;
      await this.forget(sql);
      if (inTransaction) throw err;
      return this.execute<T>(sql, params);
    }
  }

  private async simpleNow<T>(sql: string): Promise<QueryResult<T> & { readonly command?: string }> {
    const messages = await this.send([protocol.serialize.query(sql)]);
    const results = parse.parseResults(messages, this.pg.parsers);
    const last = results[results.length - 1];
    return { rows: (last?.rows ?? []) as T[], affectedRows: last?.affectedRows, command: lastCommand(messages) };
  }

  private async execute<T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> {
    const statement = this.prepared.get(sql) ?? (await this.prepare(sql));
    const values = params.map((value, i) => this.serialize(value, statement.types[i]));
    const { serialize } = protocol;
    const messages = await this.send([
      serialize.bind({ statement: statement.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const [result] = parse.parseResults(messages, this.pg.parsers);
    return { rows: (result?.rows ?? []) as T[], affectedRows: result?.affectedRows };
  }

  private async prepare(sql: string): Promise<Prepared> {
    const { serialize } = protocol;
    const evict = this.prepared.size >= MAX_PREPARED ? this.prepared.entries().next().value : undefined; // the oldest
    if (evict) this.prepared.delete(evict[0]);
    const name = `anshin_${++this.counter}`;
    const messages = await this.send([
      ...(evict ? [serialize.close({ type: 'S', name: evict[1].name })] : []),
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    this.prepared.set(sql, statement);
    return statement;
  }

  private async forget(sql: string): Promise<void> {
    const statement = this.prepared.get(sql);
    if (!statement) return;
    this.prepared.delete(sql);
    await this.send([protocol.serialize.close({ type: 'S', name: statement.name }), protocol.serialize.sync()]);
  }

  /** As PGlite's `query` does: the serializer of the parameter's type, else the value's text. */
  private serialize(value: unknown, type: number | undefined): string | null {
    if (value === null || value === undefined) return null;
    const serializer = type === undefined ? undefined : this.pg.serializers[type];
    return serializer ? serializer(value) : String(value);
  }

  /** One call into the backend for all the messages; a database error is thrown after the sync. */
  private send(parts: readonly Uint8Array[]): Promise<Message[]> {
    return this.pg.execProtocolStream(Buffer.concat(parts), { syncToFs: false });
  }
}

function lastCommand(messages: readonly Message[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { name?: string; text?: string };
    if (m.name === 'commandComplete') return m.text;
  }
  return undefined;
}
