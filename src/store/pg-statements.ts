import type pg from 'pg';

/** Statement texts given a name per process; beyond it, a text runs unnamed (parsed each time, as before). */
const MAX_NAMED = 500;

/**
 * Names for PostgreSQL's prepared statements. pg prepares a named statement once per connection and
 * then sends only bind and execute: the server no longer parses and analyzes the text of every card
 * action's statements, and after five executions may reuse a generic plan (about 30 % less of the
 * server's CPU in `bench:invoke`, docs/benchmarks.md). Only texts with parameters are named (those
 * without go through the simple protocol, which may hold several statements).
 *
 * A migration by a newer replica during a rolling deploy can change the columns of a table a prepared
 * statement reads (`select *`): PostgreSQL then answers "cached plan must not change result type".
 * `renew` starts a new generation of names, so every connection prepares every text again against the
 * new tables; the adapter runs a statement outside a transaction once more, while a transaction fails
 * (its callback is not run twice) — at most the few statements in flight at that moment, once per process.
 */
export class StatementNames {
  private generation = 0;
  private readonly names = new Map<string, string>();

  config(sql: string, params: readonly unknown[]): pg.QueryConfig {
    const values = params as unknown[];
    if (params.length === 0) return { text: sql, values };
    let name = this.names.get(sql);
    if (name === undefined) {
      if (this.names.size >= MAX_NAMED) return { text: sql, values };
      name = `anshin_${this.generation}_${this.names.size}`;
      this.names.set(sql, name);
    }
    return { name, text: sql, values };
  }

  renew(): void {
    this.generation++;
    this.names.clear();
  }
}
