/**
 * Safety-round benchmark: an admin starts a round for N people; the real round service, outbox and
 * delivery worker send through the local Bot Connector (own process, Teams limits enforced).
 *
 *   npm run bench:round -- --users 10000 [--new-users] [--bulk 10000] [--store pglite|postgres|both] [--rate 50]
 *
 * --new-users: nobody has opened the bot (every conversation is created first, two requests a person).
 * --bulk N: N check-in cards are already queued and going out when the round starts (priority lanes).
 * PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL; without either, only PGlite runs.
 * Prints: the start's commit, the first safety card after the start, how far the k-th card was
 * behind its place in line (k × requests a person / limit), everyone sent, the request rate
 * (creates included), lost and duplicated cards, tally update latency after an answer, how far the
 * console's live view (LISTEN/NOTIFY → recomputed view, as its SSE stream does) is behind answers given
 * during the fan-out and behind the last card sent, and the app's peak RSS from the round's start (the set-up's peak apart).
 */
import { parseArgs } from 'node:util';
import { createAuditLog } from '../src/audit/log';
import { createOutbox } from '../src/delivery/outbox';
import { systemClock } from '../src/domain/shared/clock';
import { createRoundsFeature } from '../src/features/rounds';
import { createJobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/log/logger';
import type { Db } from '../src/store/db';
import { usersRepo } from '../src/store/users';
import { insertRefs, testWorker } from '../test/support/fanout';
import { insertUsers, longestGap, openBenchStore, pct, rssSampler, runPerStore, sleep, startCloudProcess } from './support';
import { createRoles } from '../src/store/roles';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    store: { type: 'string' },
    rate: { type: 'string', default: '50' },
    bulk: { type: 'string', default: '0' },
    'new-users': { type: 'boolean', default: false },
  },
});
const USERS = Number(values.users);
const RATE = Number(values.rate);
const BULK = Number(values.bulk);
const NEW_USERS = values['new-users'];
const TENANT = 'bench-tenant';

const remaining = async (db: Db, purpose: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from deliveries where purpose = $1 and status in ('queued', 'claimed', 'sending', 'retrying')`, [purpose])).rows[0]?.n ?? 0;

async function run(kind: string): Promise<Record<string, unknown>> {
  const { db, close } = await openBenchStore(kind);
  const cloud = startCloudProcess({});
  const { connectorUrl } = await cloud.ready;
  // The set-up (10,000 people and their references written by this harness, as a directory import
  // would) is measured apart from the round: the round's peak starts from what the set-up left.
  const setupRss = rssSampler();
  let rss = setupRss;
  try {
    const users = await cloud.seed(USERS + 1, TENANT, !NEW_USERS);
    const [admin, ...people] = users.map((u) => u.id) as [string, ...string[]];
    await insertUsers(db, users, TENANT, admin);
    if (!NEW_USERS) await insertRefs(db, [admin, ...people], TENANT, connectorUrl);

    const worker = testWorker(db, { rate: RATE, defaultServiceUrl: connectorUrl });
    const outbox = createOutbox(() => worker.wake());
    // Rounds queue no jobs: the queue is never started.
    const deps = { db, clock: systemClock, outbox, queue: createJobQueue(db, { logger: createLogger('silent') }), logger: createLogger('silent'), audit: createAuditLog({ clock: systemClock }), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) };
    const feature = createRoundsFeature(deps, {
      timeZone: 'Asia/Tokyo', jma: { pollSeconds: 60, threshold: '5-', tsunamiKinds: [], aftershockHours: 6, drill: false },
      cascade: { resendMinutes: [30, 180], managerMinutes: 60, adminMinutes: 180, tallyIntervalSeconds: 1, tickerIntervalSeconds: 1 },
    });
    const rounds = feature.service;
    const stopFeed = await feature.start(); // the live feed the console follows (no JMA feed configured here)
    // A running app has rendered cards before; the first rendering in a process compiles templates.
    await insertUsers(db, [{ id: 'warm-up-admin', teamsId: '29:warm-up-admin' }], 'warm-up', 'warm-up-admin');
    const warmAdmin = await usersRepo.get(db, 'warm-up-admin');
    if (warmAdmin) await rounds.start({ tenantId: 'warm-up', by: warmAdmin, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    await db.query(`delete from deliveries where tenant_id = 'warm-up'`);
    worker.start();
    if (BULK) {
      // The day's check-in cards are going out when the earthquake comes.
      const recipients = Array.from({ length: BULK }, (_, i) => people[i % people.length] as string);
      await db.transaction((tx) =>
        outbox.enqueueMany(tx, { purpose: 'checkin-start', tenantId: TENANT, batchId: 'bulk', subject: 'bench-day', activity: { type: 'message', text: 'Good morning' }, recipientIds: [...new Set(recipients)] }),
      );
      outbox.notify();
      await sleep(2000);
    }
    const adminUser = await usersRepo.get(db, admin);
    if (!adminUser) throw new Error('admin missing');

    setupRss.stop();
    rss = rssSampler();
    const t0 = Date.now();
    const { round } = await rounds.start({ tenantId: TENANT, by: adminUser, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    const committed = Date.now();
    // The console's live view, recomputed on every (coalesced) notification like its SSE stream.
    const views: { at: number; delivered: number; answered: number }[] = [];
    let computing = false;
    const unsubscribe = feature.console.subscribe(round.id, () => {
      if (computing) return;
      computing = true;
      void feature.console.live(adminUser, round.id).then((v) => {
        const d = v.totals.delivery;
        views.push({ at: Date.now(), delivered: d.sent + d.read + d.answered, answered: d.answered });
      }).finally(() => (computing = false));
    });
    // Answers while the cards are still going out: how long until the live view shows each.
    const liveLags: number[] = [];
    let answeredSoFar = 0;
    while ((await remaining(db, 'safety-check')) > 0) {
      const person = await usersRepo.get(db, people[people.length - 1 - answeredSoFar] as string);
      if (person && answeredSoFar < 20) {
        const answeredAt = Date.now();
        await rounds.answer(person, { roundId: round.id, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: undefined, comment: undefined });
        answeredSoFar++;
        const seen = () => views.find((v) => v.at >= answeredAt && v.answered >= answeredSoFar);
        while (!seen() && Date.now() - answeredAt < 10_000) await sleep(20);
        liveLags.push((seen()?.at ?? Date.now()) - answeredAt);
      }
      await sleep(500);
    }
    const stats = await cloud.stats(TENANT, round.id);
    const cards = stats.matchTimes.sort((a, b) => a - b);

    // Tally latency: answers arrive while the ticker sweeps every second; an answer refreshes the tally 0.1 s after it (at most once a second per round, ROUND_TALLY_INTERVAL_SECONDS' default).
    const latencies: number[] = [];
    const ticker = setInterval(() => void rounds.tick(), 1000);
    for (let i = 0; i < 10; i++) {
      const before = (await cloud.updates()).count;
      const answeredAt = Date.now();
      const person = await usersRepo.get(db, people[i] as string);
      if (person) await rounds.answer(person, { roundId: round.id, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: undefined, comment: undefined });
      for (;;) {
        const s = await cloud.updates();
        if (s.count > before) {
          latencies.push(s.latest - answeredAt);
          break;
        }
        await sleep(50);
      }
      await sleep(Math.random() * 3000);
    }
    clearInterval(ticker);
    await worker.stop(1000);
    unsubscribe();
    await stopFeed();
    const allShown = views.find((v) => v.delivered >= USERS + 1)?.at;
    liveLags.sort((a, b) => a - b);

    // The k-th person's card is due k × (requests a person) / limit after the start.
    const perPerson = NEW_USERS ? 2 : 1;
    const behind = cards.map((t, k) => t - t0 - (k * perPerson * 1000) / RATE);
    const last = cards[cards.length - 1] ?? NaN;
    const inRound = stats.requestTimes.filter((t) => t >= t0 && t <= last).sort((a, b) => a - b);
    const rate = inRound.length > 1 ? ((inRound.length - 1) * 1000) / ((inRound[inRound.length - 1] as number) - (inRound[0] as number)) : NaN;
    latencies.sort((a, b) => a - b);
    // Every person one safety card; the admin also their tally card (the tally's later changes are updates).
    const counts = new Map(stats.counts);
    const expected = (id: string) => (id === admin ? 2 : 1);
    const everyone = [admin, ...people];
    return {
      store: kind,
      users: USERS,
      'new users': NEW_USERS,
      'bulk queued': BULK,
      'commit ms': committed - t0,
      'first card ms': Math.round((cards[0] ?? NaN) - t0),
      'max behind line ms': Math.round(Math.max(...behind)),
      'everyone sent s': Number(((last - t0) / 1000).toFixed(1)),
      'cards sent': cards.length,
      lost: everyone.filter((id) => (counts.get(id) ?? 0) < expected(id)).length,
      duplicates: everyone.filter((id) => (counts.get(id) ?? 0) > expected(id)).length,
      'requests/s': Number(rate.toFixed(2)),
      'ratio to limit': Number((rate / RATE).toFixed(3)),
      'longest gap ms': longestGap(inRound),
      'tally p50 ms': Math.round(pct(latencies, 50)),
      'tally max ms': Math.round(latencies[latencies.length - 1] ?? NaN),
      'live view p50 ms': Math.round(pct(liveLags, 50)),
      'live view max ms': Math.round(liveLags[liveLags.length - 1] ?? NaN),
      'live view behind last card ms': allShown === undefined ? 'never' : Math.max(0, Math.round(allShown - last)),
      '429s': stats.counters['connector429'],
      'peak RSS MB': rss.peakMb(),
      'set-up peak RSS MB': setupRss.peakMb(),
      'at peak: heap used MB': rss.atPeak().heapUsedMb,
      'at peak: external MB': rss.atPeak().externalMb,
      'stand-in peak RSS MB': stats.peakRssMb,
    };
  } finally {
    setupRss.stop();
    rss.stop();
    await cloud.stop();
    await close();
  }
}

runPerStore(
  `round benchmark: ${USERS} people${NEW_USERS ? ' who never opened the bot' : ''}${BULK ? `, ${BULK} check-in cards queued` : ''}, limit ${RATE}/s`,
  values.store,
  run,
);
