/**
 * A Db that counts the SQL statements each HTTP request causes (tests and bench:invoke only).
 * Every request the app's HTTP server receives gets a counter of its own (its 'request' event is
 * emitted inside the counter's async context, before the app sees the request); every statement
 * run in that request's async context, including `begin` and `commit` of its transactions, is counted
 * there until its response is finished. Background work (the delivery worker, pg-boss, the round
 * ticker, timers a request set) runs after it or in contexts of its own and is counted only in the total.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { Server, type IncomingMessage } from 'node:http';
import type { Db, Executor } from '../../src/store/db';

/** The statements of one request, in order (the first line of each, for a failing test's message). */
export interface RequestStatements {
  readonly method: string;
  readonly url: string;
  readonly statements: string[];
  /** The response is finished: later statements in its context (timers it set) are not its own. */
  done: boolean;
}

const scope = new AsyncLocalStorage<RequestStatements>();
const listeners = new Set<(r: RequestStatements) => void>();
const open = new WeakMap<IncomingMessage, RequestStatements>();
let subscribed = false;

function followRequests(): void {
  if (subscribed) return;
  subscribed = true;
  // Each request's handlers run inside its counter's context: the server's 'request' event and the
  // request's own events are emitted within scope.run (enterWith from the diagnostics channel's
  // subscriber reached the handlers on Node 20 but not on Node 24, whose AsyncLocalStorage restores the
  // context when the parser's callback ends: every verb counted 0 statements there).
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request' || !listeners.size) return emit.call(this, event, ...args);
    const request = args[0] as IncomingMessage;
    const r: RequestStatements = { method: request.method ?? '', url: request.url ?? '', statements: [], done: false };
    for (const l of listeners) l(r);
    open.set(request, r);
    // The body's events too: the handlers continue from them (JSON body parsing) in the socket's context.
    const requestEmit = request.emit as (this: IncomingMessage, e: string | symbol, ...a: unknown[]) => boolean;
    request.emit = function (this: IncomingMessage, e: string | symbol, ...a: unknown[]): boolean {
      return scope.run(r, () => requestEmit.call(this, e, ...a));
    } as typeof request.emit;
    return scope.run(r, () => emit.call(this, event, ...args));
  } as typeof Server.prototype.emit;
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const r = open.get(request);
    if (r) r.done = true;
  });
}

const firstLine = (sql: string) => sql.trim().split('\n')[0]?.slice(0, 120) ?? '';

export interface CountingDb {
  readonly db: Db;
  /** Every statement through this Db so far, requests' and background work's. */
  total(): number;
  /** The requests received since, each with its statements; `stop()` stops following. */
  requests(): { list: RequestStatements[]; stop(): void };
}

export function countingDb(inner: Db): CountingDb {
  followRequests();
  let total = 0;
  const note = (sql: string) => {
    total++;
    const r = scope.getStore();
    if (r && !r.done) r.statements.push(firstLine(sql));
  };
  const counted = (ex: Executor): Executor => ({
    query: (sql, params) => {
      note(sql);
      return ex.query(sql, params);
    },
    exec: (sql) => {
      note(sql);
      return ex.exec(sql);
    },
  });
  const db: Db = {
    kind: inner.kind,
    ...counted(inner),
    transaction: (fn) => {
      note('begin');
      return inner.transaction(async (tx) => {
        const result = await fn(counted(tx));
        note('commit');
        return result;
      });
    },
    listen: (channel, onPayload) => inner.listen(channel, onPayload),
    close: () => inner.close(),
  };
  return {
    db,
    total: () => total,
    requests() {
      const list: RequestStatements[] = [];
      const listener = (r: RequestStatements) => list.push(r);
      listeners.add(listener);
      return { list, stop: () => listeners.delete(listener) };
    },
  };
}
