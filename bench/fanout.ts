/**
 * Fan-out benchmark: N recipients through the real delivery engine against the local Bot Connector,
 * which enforces the Teams limits (50 requests/s per tenant, per-conversation windows) by answering 429.
 *
 *   npm run bench:fanout -- --users 10000 [--store pglite|postgres|both] [--rate 50] [--p429 0] [--p503 0]
 *
 * PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh database is created and dropped).
 * Prints achieved messages/s, the ratio to the limit, enqueue→delivery latency percentiles, time to
 * first card, lost and duplicated cards, and peak RSS.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pendingCount } from '../src/delivery/status';
import type { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { openPglite } from '../src/store/pglite';
import { openPostgres } from '../src/store/postgres';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { enqueueFanout, testWorker } from '../test/support/fanout';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    store: { type: 'string', default: 'both' },
    rate: { type: 'string', default: '50' },
    p429: { type: 'string', default: '0' },
    p503: { type: 'string', default: '0' },
  },
});
const USERS = Number(values.users);
const RATE = Number(values.rate);
const TEAMS_LIMIT = 50;
const TENANT = 'bench-tenant';

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function openStore(kind: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite({});
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('set DATABASE_URL or TEST_DATABASE_URL for the PostgreSQL run');
  const name = `anshin_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), poolSize: 10 });
  await migrate(db);
  return {
    db,
    async close() {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The connector thread, driven by messages. */
function startCloudThread(options: object) {
  const worker = new Worker(path.join(__dirname, 'cloud-thread.cjs'), { workerData: options });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        worker.off('message', onMessage);
        resolve(m as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  return {
    ready: next<{ connectorUrl: string }>('ready'),
    async seed(n: number, tenantId: string) {
      const reply = next<{ users: string[] }>('seeded');
      worker.postMessage({ type: 'seed', n, tenantId });
      return (await reply).users;
    },
    async stats(tenantId: string) {
      const reply = next<{ sendTimes: number[]; counts: [string, number][]; maxInWindow: number; counters: Record<string, number> }>('stats');
      worker.postMessage({ type: 'stats', tenantId });
      return reply;
    },
    async stop() {
      const reply = next('stopped');
      worker.postMessage({ type: 'stop' });
      await reply;
      await worker.terminate();
    },
  };
}

async function insertRefs(db: Db, users: string[], connectorUrl: string): Promise<void> {
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    const vals: unknown[] = [];
    const ph = chunk.map((u, j) => {
      vals.push(u, TENANT, `a:conv-${u}`, connectorUrl, JSON.stringify({ conversation: { id: `a:conv-${u}` } }));
      return `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`;
    });
    await db.query(`insert into conversation_refs (user_id, tenant_id, conversation_id, service_url, reference) values ${ph.join(',')}`, vals);
  }
}

async function run(kind: string): Promise<void> {
  const { db, close } = await openStore(kind);
  const cloud = startCloudThread({ faults: { p429: Number(values.p429), p503: Number(values.p503), seed: 7 } });
  const { connectorUrl } = await cloud.ready;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const recipients = await cloud.seed(USERS, TENANT);
    await insertRefs(db, recipients, connectorUrl);
    const worker = testWorker(db, { rate: RATE });
    const enqueuedAt = Date.now();
    await enqueueFanout(db, { recipients, tenantId: TENANT, batchId: 'bench' });
    worker.start();
    while ((await pendingCount(db)) > 0) await new Promise((r) => setTimeout(r, 250));
    await worker.stop(1000);

    const stats = await cloud.stats(TENANT);
    const times = stats.sendTimes.sort((a, b) => a - b);
    const sends = times;
    const first = times[0] ?? NaN;
    const last = times[times.length - 1] ?? NaN;
    const latencies = times.map((t) => t - enqueuedAt);
    const counts = new Map(stats.counts);
    const lost = recipients.filter((u) => !counts.get(u)).length;
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const achieved = sends.length > 1 ? ((sends.length - 1) * 1000) / (last - first) : NaN;
    const row = {
      store: kind,
      users: USERS,
      'msgs/s': achieved.toFixed(2),
      'ratio to 50/s': (achieved / TEAMS_LIMIT).toFixed(3),
      'first card ms': Math.round(first - enqueuedAt),
      'p50 ms': Math.round(pct(latencies, 50)),
      'p99 ms': Math.round(pct(latencies, 99)),
      'total s': ((last - enqueuedAt) / 1000).toFixed(1),
      lost,
      duplicates,
      '429s': stats.counters.connector429,
      'rate-limited 429s': stats.counters.rateLimited429,
      'max/1s window': stats.maxInWindow,
      'peak RSS MB': Math.round(peakRss / 1048576),
    };
    console.log(JSON.stringify(row));
    console.table([row]);
  } finally {
    clearInterval(sampler);
    await cloud.stop();
    await close();
  }
}

async function main(): Promise<void> {
  const stores = values.store === 'both' ? ['pglite', 'postgres'] : [String(values.store)];
  console.log(`fan-out benchmark: ${USERS} users, pacer at ${RATE}/s, Teams limit ${TEAMS_LIMIT}/s per tenant`);
  for (const s of stores) await run(s);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
