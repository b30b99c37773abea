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
import { pendingCount } from '../src/delivery/status';
import { enqueueFanout, insertRefs, testWorker } from '../test/support/fanout';
import { openBenchStore, pct, startCloudThread } from './support';

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

async function run(kind: string): Promise<void> {
  const { db, close } = await openBenchStore(kind);
  const cloud = startCloudThread({ faults: { p429: Number(values.p429), p503: Number(values.p503), seed: 7 } });
  const { connectorUrl } = await cloud.ready;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const recipients = await cloud.seed(USERS, TENANT);
    await insertRefs(db, recipients, TENANT, connectorUrl);
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
