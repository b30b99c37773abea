/**
 * Safety-round benchmark: an admin starts a round for N people; the real round service, outbox and
 * delivery worker send through the local Bot Connector (own thread, Teams limits enforced).
 *
 *   npm run bench:round -- --users 10000 [--store pglite|postgres] [--rate 50]
 *
 * Prints: time from trigger to the first card, time until everyone was sent a card (target
 * ≤ 1.02 × users / limit), and tally update latency (an answer → the admin's card updated in place).
 */
import { parseArgs } from 'node:util';
import { createRoundService } from '../src/features/rounds/service';
import { createRoundViews } from '../src/features/rounds/views';
import { createOutbox } from '../src/delivery/outbox';
import { pendingCount } from '../src/delivery/status';
import { systemClock } from '../src/domain/shared/clock';
import { createLogger } from '../src/log/logger';
import { usersRepo } from '../src/store/users';
import { insertRefs, testWorker } from '../test/support/fanout';
import { openBenchStore, pct, startCloudThread } from './support';

const { values } = parseArgs({ options: { users: { type: 'string', default: '2000' }, store: { type: 'string', default: 'pglite' }, rate: { type: 'string', default: '50' } } });
const USERS = Number(values.users);
const RATE = Number(values.rate);
const TENANT = 'bench-tenant';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { db, close } = await openBenchStore(String(values.store));
  const cloud = startCloudThread({});
  const { connectorUrl } = await cloud.ready;
  try {
    const users = await cloud.seed(USERS + 1, TENANT);
    const [admin, ...people] = users as [string, ...string[]];
    for (let i = 0; i < users.length; i += 1000) {
      const chunk = users.slice(i, i + 1000);
      const vals: unknown[] = [];
      const rows = chunk.map((u, j) => {
        vals.push(u, TENANT, u, u === admin, `Dept ${j % 20}`);
        const b = j * 5;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, 'ja', 'Asia/Tokyo')`;
      });
      await db.query(`insert into users (id, tenant_id, name, is_admin, department, locale, time_zone) values ${rows.join(',')}`, vals);
    }
    await insertRefs(db, users, TENANT, connectorUrl);

    const worker = testWorker(db, { rate: RATE });
    const outbox = createOutbox(() => worker.wake());
    const rounds = createRoundService({
      db, clock: systemClock, outbox, views: createRoundViews(systemClock, 'Asia/Tokyo'), adminIds: [], logger: createLogger('silent'),
      cascade: { resendMinutes: [30, 180], managerMinutes: 60, adminMinutes: 180, tallyIntervalSeconds: 3 },
    });
    worker.start();
    const adminUser = await usersRepo.get(db, admin);
    if (!adminUser) throw new Error('admin missing');

    const t0 = Date.now();
    const { round } = await rounds.start({ tenantId: TENANT, by: adminUser, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    const committed = Date.now();
    while ((await pendingCount(db)) > 0) await sleep(200);
    const stats = await cloud.stats(TENANT);
    const sends = stats.sendTimes.sort((a, b) => a - b);

    // Tally latency: answers arrive while the ticker sweeps every second (tally at most every 3 s).
    const latencies: number[] = [];
    const ticker = setInterval(() => void rounds.tick(), 1000);
    for (let i = 0; i < 10; i++) {
      const before = (await cloud.stats(TENANT)).updateTimes.length;
      const answeredAt = Date.now();
      const person = await usersRepo.get(db, people[i] as string);
      if (person) await rounds.answer(person, { roundId: round.id, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: undefined, comment: undefined });
      for (;;) {
        const s = await cloud.stats(TENANT);
        if (s.updateTimes.length > before) {
          latencies.push(Math.max(...s.updateTimes) - answeredAt);
          break;
        }
        await sleep(50);
      }
      await sleep(Math.random() * 3000);
    }
    clearInterval(ticker);
    await worker.stop(1000);

    const first = (sends[0] ?? NaN) - t0;
    const all = (sends[sends.length - 1] ?? NaN) - t0;
    const target = (1.02 * (USERS + 1)) / RATE;
    latencies.sort((a, b) => a - b);
    const row = {
      store: values.store,
      users: USERS,
      'commit ms': committed - t0,
      'first card ms': Math.round(first),
      'everyone sent s': (all / 1000).toFixed(1),
      'target s (1.02 × users / limit)': target.toFixed(1),
      'within target': all / 1000 <= target,
      'tally p50 ms': Math.round(pct(latencies, 50)),
      'tally max ms': Math.round(latencies[latencies.length - 1] ?? NaN),
      '429s': stats.counters.connector429,
    };
    console.log(JSON.stringify(row));
    console.table([row]);
  } finally {
    await cloud.stop();
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
