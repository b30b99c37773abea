/**
 * Card-action benchmark: Action.Execute invokes (safety answers and check-in submits, half each)
 * over real HTTP into the started app in local mode, during a safety round for every user, from a
 * load generator (autocannon) in its own process. The round's cards go out meanwhile through the
 * local Bot Connector (own process), and the round ticker updates the live tally every second.
 *
 *   npm run bench:invoke -- [--users 1000] [--rate 200|1000] [--connections 20] [--seconds 10] [--store pglite|postgres|both] [--replicas 2] [--first-contact]
 *
 * --rate: requests/s offered over all connections (default 200 on PGlite, 1000 on PostgreSQL);
 * 0 = as fast as answers come back. PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh
 * database is created and dropped); without either, only PGlite runs. Prints achieved requests/s,
 * latency percentiles, answers stored, the app's peak RSS and CPU per request, the SQL statements
 * per request (the invoke's own, and every statement of the app over the requests: the delivery
 * worker's, the tally's, pg-boss's too), and where the app's CPU went (render / database / gc /
 * turn, in % of busy time) from a short profile after the measured run, and at the end the JS heap
 * in use and the memory outside it ("external": PGlite's WASM memory, which grows and is never given back).
 * --replicas N (PostgreSQL): N app processes on the same database, the load spread over them
 * round-robin (connections alternate between them), as production scales out; CPU and statements
 * are summed over them, RSS is the largest. PGlite is one process's database: always one.
 * --first-contact: the stored references are not the ones the people's card actions carry (as after a
 * directory import), so each person's first action in the run also writes their reference; by default
 * people use the bot daily and the reference stored is the one their last card action left.
 * --profile <file>: also writes the short profile (open it in Chrome DevTools) as <store>-<file>.
 * --heap-snapshot <file>: writes a heap snapshot of the app's process after the runs as <store>-<file>.
 */
import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { start } from '../src/main';
import { usersRepo } from '../src/store/users';
import { conversationRefsRepo } from '../src/store/conversation-refs';
import type { Db } from '../src/store/db';
import { referenceOf } from '../src/teams/identity';
import type { Activity } from 'botbuilder';
import { countingDb } from '../test/support/counting-db';
import { insertRefs } from '../test/support/fanout';
import { appMeter, type MeterReading } from './app-meter';
import type { InvokeLoadOptions, InvokeLoadResult } from './invoke-load';
import { invokeActivity, type ActivityOptions } from './invoke-activity';
import { cpuSplit, PARTS, startProfile } from './profile';
import { insertUsers, openBenchStore, rssSampler, runPerStore, startCloudProcess, startReplica } from './support';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    rate: { type: 'string' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    store: { type: 'string' },
    profile: { type: 'string' },
    'heap-snapshot': { type: 'string' },
    replicas: { type: 'string', default: '1' },
    'first-contact': { type: 'boolean', default: false },
  },
});
const USERS = Number(values.users);
const TENANT = 'bench-tenant';
const DEFAULT_RATE: Record<string, number> = { pglite: 200, postgres: 1000 };

function load(options: InvokeLoadOptions): Promise<InvokeLoadResult> {
  const child = fork(path.join(__dirname, 'invoke-load.ts'), { execArgv: ['--require', 'tsx/cjs'] });
  child.send(options);
  return new Promise((resolve, reject) => {
    child.once('message', (r: InvokeLoadResult) => resolve(r));
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load generator exited with ${code}`)) : undefined));
  });
}

/** Each person's reference as the bot stores it from their own card action (src/teams/identity.ts). */
async function storeDailyRefs(db: Db, o: ActivityOptions): Promise<void> {
  for (let i = 0; i < o.users.length; i++) {
    const activity = invokeActivity(o, 2 * i) as unknown as Activity;
    const user = o.users[i] as string;
    const ref = referenceOf(activity, { aadObjectId: user, teamsUserId: `29:${user}`, tenantId: o.tenantId });
    if (ref) await conversationRefsRepo.save(db, ref);
  }
}

const count = async (db: Parameters<typeof insertUsers>[0], sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

async function run(kind: string): Promise<Record<string, unknown>> {
  const { db: store, url: dbUrl, close } = await openBenchStore(kind);
  const counting = countingDb(store);
  const db = counting.db;
  const cloud = startCloudProcess({});
  const { connectorUrl } = await cloud.ready;
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', DIRECTORY_FILE: '/nonexistent', AUDIT_ANCHOR_DIR: path.join(tmpdir(), `anshin-bench-anchors-${process.pid}`) });
  const app = await start(config, { db, logger: createLogger('silent') });
  const replicas = await Promise.all(Array.from({ length: dbUrl ? Number(values.replicas) - 1 : 0 }, () => startReplica(dbUrl as string)));
  const rss = rssSampler();
  const meter = appMeter(counting);
  const ticker = setInterval(() => void app.rounds.tick().catch(() => undefined), 1000);
  try {
    const people = await cloud.seed(USERS, TENANT);
    const ids = people.map((u) => u.id);
    await insertUsers(db, people, TENANT, ids[0] as string);
    const admin = await usersRepo.get(db, ids[0] as string);
    if (!admin) throw new Error('admin missing');
    const { round } = await app.rounds.start({ tenantId: TENANT, by: admin, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const rate = values.rate !== undefined ? Number(values.rate) : (DEFAULT_RATE[kind] ?? 200);
    const urls = [app.url, ...replicas.map((r) => r.url)];
    const base = { urls, serviceUrl: connectorUrl, tenantId: TENANT, users: ids, roundId: round.id, date, connections: Number(values.connections), rate };
    // People who use the bot every day: the reference stored is the one their last card action left
    // (the turn's fast path). --first-contact: references as a directory import leaves them, so each
    // person's first action in the run also writes their reference.
    if (values['first-contact']) await insertRefs(db, ids, TENANT, connectorUrl);
    else await storeDailyRefs(db, { ...base, runId: 'setup' });
    await load({ ...base, seconds: 3, rate: Math.min(rate || 100, 100), runId: `warm-${kind}` });
    meter.mark();
    await Promise.all(replicas.map((r) => r.mark()));
    const r = await load({ ...base, seconds: Number(values.seconds), runId: `run-${kind}` });
    const readings: MeterReading[] = [meter.read(), ...(await Promise.all(replicas.map(async (x) => (await x.read()).reading)))];
    const sum = (f: (m: MeterReading) => number) => readings.reduce((n, m) => n + f(m), 0);
    const answered = Math.max(1, sum((m) => m.requests));
    // Where the CPU goes: a short profile of this process at the same load (not during the measured run).
    const stopProfile = await startProfile();
    await load({ ...base, seconds: 3, runId: `profile-${kind}` });
    const profile = await stopProfile();
    if (values.profile) writeFileSync(path.join(path.dirname(values.profile), `${kind}-${path.basename(values.profile)}`), JSON.stringify(profile));
    const split = cpuSplit(profile);
    const replicaRss = await Promise.all(replicas.map(async (x) => (await x.read()).peakRssMb));
    // What the process holds after the runs (the snapshot collects garbage first): open it in DevTools' Memory tab.
    if (values['heap-snapshot']) writeHeapSnapshot(path.join(path.dirname(values['heap-snapshot']), `${kind}-${path.basename(values['heap-snapshot'])}`));
    return {
      store: kind,
      users: USERS,
      replicas: urls.length,
      people: values['first-contact'] ? 'first contact' : 'daily users',
      'offered rps': rate || 'max',
      rps: Math.round(r.rps),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'max ms': r.max,
      'non-2xx': r.non2xx,
      errors: r.errors + r.timeouts,
      'answers stored': await count(db, 'select count(*)::int as n from round_answers where round_id = $1', [round.id]),
      'check-ins stored': await count(db, 'select count(*)::int as n from checkins where work_date = $1', [date]),
      'app CPU ms/request': Number((sum((m) => m.cpuMs) / Math.max(1, r.requests)).toFixed(2)),
      'statements/request': Number((sum((m) => m.statements) / answered).toFixed(1)),
      'all statements/request': Number((sum((m) => m.allStatements) / answered).toFixed(1)),
      [`CPU % ${PARTS.join('/')}`]: PARTS.map((part) => split[part]).join('/'),
      'peak RSS MB': Math.max(rss.peakMb(), ...replicaRss),
      // Where this process's memory is at the end: the JS heap, and outside it (PGlite's WASM memory, buffers).
      'heap used MB': Math.round(process.memoryUsage().heapUsed / 1048576),
      'external MB': Math.round(process.memoryUsage().external / 1048576),
    };
  } finally {
    clearInterval(ticker);
    rss.stop();
    await Promise.all(replicas.map((x) => x.stop()));
    await app.stop();
    await cloud.stop();
    await close();
  }
}

runPerStore(
  `card-action benchmark: ${USERS} people answering a round and submitting check-ins, ${values.connections} connections, ${values.seconds} s per store${Number(values.replicas) > 1 ? `, ${values.replicas} app processes on PostgreSQL` : ''}`,
  values.store,
  run,
);
