/**
 * Fan-out benchmark: one card to N recipients through the real outbox and delivery engine against
 * the local Bot Connector (own process), which enforces the Teams limits (50 requests/s per tenant,
 * per-conversation windows) by answering 429.
 *
 *   npm run bench:fanout -- --users 10000 [--new-users] [--store pglite|postgres|both] [--rate 50] [--p429 0] [--p503 0]
 *
 * --new-users: nobody has opened the bot, so every conversation is created first (two requests a person).
 * PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh database is created and dropped);
 * without either, only PGlite runs. Prints requests/s (creates included) and the ratio to the
 * limit, time to the first card, enqueue→delivery percentiles, lost and duplicated cards, and the
 * peak RSS of the app and of the stand-in separately.
 */
import { parseArgs } from 'node:util';
import { createOutbox } from '../src/delivery/outbox';
import { pendingCount } from '../src/delivery/status';
import { insertRefs, testWorker } from '../test/support/fanout';
import { longestGap, openBenchStore, pct, rssSampler, runPerStore, sleep, startCloudProcess } from './support';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    store: { type: 'string' },
    rate: { type: 'string', default: '50' },
    p429: { type: 'string', default: '0' },
    p503: { type: 'string', default: '0' },
    'new-users': { type: 'boolean', default: false },
  },
});
const USERS = Number(values.users);
const RATE = Number(values.rate);
const NEW_USERS = values['new-users'];
const TEAMS_LIMIT = 50;
const TENANT = 'bench-tenant';

async function run(kind: string): Promise<Record<string, unknown>> {
  const { db, close } = await openBenchStore(kind);
  const cloud = startCloudProcess({ faults: { p429: Number(values.p429), p503: Number(values.p503), seed: 7 } });
  const { connectorUrl } = await cloud.ready;
  const rss = rssSampler();
  try {
    const recipients = (await cloud.seed(USERS, TENANT, !NEW_USERS)).map((u) => u.id);
    if (!NEW_USERS) await insertRefs(db, recipients, TENANT, connectorUrl);
    const worker = testWorker(db, { rate: RATE, defaultServiceUrl: connectorUrl });
    const outbox = createOutbox(() => worker.wake());
    worker.start();
    const cpuBefore = process.cpuUsage();
    const enqueuedAt = Date.now();
    await db.transaction((tx) =>
      outbox.enqueueMany(tx, { purpose: 'broadcast', tenantId: TENANT, batchId: 'bench', subject: 'bench', activity: card(), recipientIds: recipients }),
    );
    const committedAt = Date.now();
    outbox.notify();
    while ((await pendingCount(db)) > 0) await sleep(250);
    await worker.stop(1000);
    const cpu = process.cpuUsage(cpuBefore);

    const stats = await cloud.stats(TENANT);
    const sends = stats.sendTimes.sort((a, b) => a - b);
    const requests = stats.requestTimes.sort((a, b) => a - b);
    const first = sends[0] ?? NaN;
    const last = sends[sends.length - 1] ?? NaN;
    const latencies = sends.map((t) => t - enqueuedAt);
    const counts = new Map(stats.counts);
    // Requests per second over the whole run, every create and send counted.
    const achieved = requests.length > 1 ? ((requests.length - 1) * 1000) / ((requests[requests.length - 1] as number) - (requests[0] as number)) : NaN;
    return {
      store: kind,
      users: USERS,
      'new users': NEW_USERS,
      'requests/s': Number(achieved.toFixed(2)),
      [`ratio to ${TEAMS_LIMIT}/s`]: Number((achieved / TEAMS_LIMIT).toFixed(3)),
      'enqueue ms': committedAt - enqueuedAt,
      'first request ms': Math.round((requests[0] ?? NaN) - enqueuedAt),
      'first card ms': Math.round(first - enqueuedAt),
      'p50 ms': Math.round(pct(latencies, 50)),
      'p99 ms': Math.round(pct(latencies, 99)),
      'total s': Number(((last - enqueuedAt) / 1000).toFixed(1)),
      lost: recipients.filter((u) => !counts.get(u)).length,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      '429s': stats.counters['connector429'],
      'max/1s window': stats.maxInWindow,
      'longest gap ms': longestGap(requests),
      // The app's own CPU (claims, pacing, HTTP, bookkeeping) per request it made.
      'app CPU ms/request': Number(((cpu.user + cpu.system) / 1000 / Math.max(1, requests.length)).toFixed(2)),
      'peak RSS MB': rss.peakMb(),
      'stand-in peak RSS MB': stats.peakRssMb,
    };
  } finally {
    rss.stop();
    await cloud.stop();
    await close();
  }
}

/** A card of realistic size (a safety check is about 6 KB of JSON). */
function card(): Record<string, unknown> {
  const body = Array.from({ length: 40 }, (_, i) => ({ type: 'TextBlock', text: `Line ${i}: please confirm that you are safe and tell us where you are.`, wrap: true }));
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body } }] };
}

runPerStore(
  `fan-out benchmark: ${USERS} ${NEW_USERS ? 'people who never opened the bot' : 'recipients'}, pacer at ${RATE}/s, Teams limit ${TEAMS_LIMIT}/s per tenant`,
  values.store,
  run,
);
