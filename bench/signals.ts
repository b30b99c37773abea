/**
 * Signals webhook benchmark: signed events over real HTTP into the started app (signature check,
 * validation, user lookup, the event and its job stored in one transaction, 202), from a load
 * generator (autocannon) in its own process.
 *
 *   npm run bench:signals -- [--users 1000] [--connections 10] [--seconds 10] [--rate 0] [--store pglite|postgres|both] [--handlers app|none]
 *
 * PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh database is created and dropped); without
 * either, only PGlite runs. Prints accepted events/s, latency percentiles, how long the jobs took to
 * process the backlog, and peak RSS. `--handlers none` processes VPN events with a no-op instead of
 * the reminders feature (to tell the webhook's cost from the reminders' work competing with it).
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { start } from '../src/main';
import type { Db } from '../src/store/db';
import { usersRepo } from '../src/store/users';
import type { LoadOptions, LoadResult } from './signals-load';
import { benchStores, openBenchStore, report, rssSampler, runMain, sleep } from './support';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '0' },
    store: { type: 'string' },
    handlers: { type: 'string', default: 'app' },
  },
});
const USERS = Number(values.users);
const SECRET = 'bench-secret-0123456789abcdef';
const TENANT = 'bench-tenant';
const rows: Record<string, unknown>[] = [];

async function seedUsers(db: Db): Promise<{ id: string; upn: string }[]> {
  const users = Array.from({ length: USERS }, (_, i) => {
    const hex = i.toString(16).padStart(12, '0');
    return { id: `00000000-0000-4000-8000-${hex}`, upn: `user${i}@bench.example` };
  });
  await db.transaction(async (tx) => {
    for (const u of users) {
      await usersRepo.upsert(tx, {
        id: u.id, tenantId: TENANT, name: u.upn, upn: u.upn, locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false,
      });
    }
  });
  return users;
}

function load(options: LoadOptions): Promise<LoadResult> {
  const child = fork(path.join(__dirname, 'signals-load.ts'), { execArgv: ['--require', 'tsx/cjs'] });
  child.send(options);
  return new Promise((resolve, reject) => {
    child.once('message', (r: LoadResult) => resolve(r));
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load generator exited with ${code}`)) : undefined));
  });
}

async function unprocessed(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from signals where processed_at is null')).rows[0]?.n ?? 0;
}

async function run(kind: string): Promise<void> {
  const { db, close } = await openBenchStore(kind);
  const rss = rssSampler();
  // The app runs on this store through the db override (pg-boss included), as the tests do.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', DIRECTORY_FILE: '/nonexistent', AUDIT_ANCHOR_DIR: path.join(tmpdir(), `anshin-bench-anchors-${process.pid}`), SIGNALS_HMAC_SECRETS: `${TENANT}:${SECRET}` });
  const signalListeners = values.handlers === 'none' ? [{ onVpnSignal: async () => undefined }] : undefined;
  const app = await start(config, { db, logger: createLogger('silent'), signalListeners });
  try {
    const users = await seedUsers(db);
    const base = { url: app.url, secret: SECRET, users, connections: Number(values.connections), rate: Number(values.rate) };
    await load({ ...base, seconds: 2, runId: `warm-${kind}` });
    const cpuBefore = process.cpuUsage();
    const r = await load({ ...base, seconds: Number(values.seconds), runId: `run-${kind}` });
    const cpu = process.cpuUsage(cpuBefore);
    const stored = await db.query<{ n: number }>('select count(*)::int as n from signals where id = any($1::text[])', [r.acceptedIds]);
    const drainStart = Date.now();
    while ((await unprocessed(db)) > 0 && Date.now() - drainStart < 120_000) await sleep(250);
    const row = {
      store: kind,
      users: USERS,
      connections: base.connections,
      handlers: values.handlers,
      'events/s': Math.round(r.acceptedIds.length / r.seconds),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      // The app's own CPU (HTTP, checks, SQL client, job processing) per accepted event.
      'app CPU ms/event': ((cpu.user + cpu.system) / 1000 / Math.max(1, r.acceptedIds.length)).toFixed(2),
      '202s not stored': r.acceptedIds.length - (stored.rows[0]?.n ?? 0),
      'other answers': Object.keys(r.other).length ? JSON.stringify(r.other) : '-',
      'jobs drained s': (await unprocessed(db)) > 0 ? '> 120' : ((Date.now() - drainStart) / 1000).toFixed(1),
      'peak RSS MB': rss.peakMb(),
    };
    report(rows, row);
  } finally {
    rss.stop();
    await app.stop();
    await close();
  }
}

async function main(): Promise<void> {
  console.log(`signals benchmark: ${USERS} users, ${values.connections} connections, ${values.seconds} s per store${Number(values.rate) > 0 ? `, ${values.rate} requests/s offered` : ''}`);
  for (const s of benchStores(values.store)) await run(s);
  console.table(rows);
}

runMain(main);
