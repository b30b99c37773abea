/**
 * Card-action benchmark: Action.Execute invokes (safety answers and check-in submits, half each)
 * over real HTTP into the started app in local mode, during a safety round for every user, from a
 * load generator (autocannon) in its own process. The round's cards go out meanwhile through the
 * local Bot Connector (own process), and the round ticker updates the live tally every second.
 *
 *   npm run bench:invoke -- [--users 1000] [--rate 200|1000] [--connections 20] [--seconds 10] [--store pglite|postgres|both]
 *
 * --profile <file>: writes a CPU profile of the app during the measured run (open it in Chrome DevTools).
 * --rate: requests/s offered over all connections (default 200 on PGlite, 1000 on PostgreSQL);
 * 0 = as fast as answers come back. PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh
 * database is created and dropped); without either, only PGlite runs. Prints achieved requests/s,
 * latency percentiles, answers stored, and the app's peak RSS and CPU per request.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { start } from '../src/main';
import { usersRepo } from '../src/store/users';
import { insertRefs } from '../test/support/fanout';
import type { InvokeLoadOptions, InvokeLoadResult } from './invoke-load';
import { insertUsers, openBenchStore, rssSampler, runPerStore, startCloudProcess } from './support';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    rate: { type: 'string' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    store: { type: 'string' },
    profile: { type: 'string' },
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

/** The inspector's sampling profiler on this process; the returned function stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => ((await post('Profiler.stop')) as { profile: object }).profile;
}

const count = async (db: Parameters<typeof insertUsers>[0], sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

async function run(kind: string): Promise<Record<string, unknown>> {
  const { db, close } = await openBenchStore(kind);
  const cloud = startCloudProcess({});
  const { connectorUrl } = await cloud.ready;
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', DIRECTORY_FILE: '/nonexistent', AUDIT_ANCHOR_DIR: path.join(tmpdir(), `anshin-bench-anchors-${process.pid}`) });
  const app = await start(config, { db, logger: createLogger('silent') });
  const rss = rssSampler();
  const ticker = setInterval(() => void app.rounds.tick().catch(() => undefined), 1000);
  try {
    const people = await cloud.seed(USERS, TENANT);
    const ids = people.map((u) => u.id);
    await insertUsers(db, people, TENANT, ids[0] as string);
    await insertRefs(db, ids, TENANT, connectorUrl);
    const admin = await usersRepo.get(db, ids[0] as string);
    if (!admin) throw new Error('admin missing');
    const { round } = await app.rounds.start({ tenantId: TENANT, by: admin, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const rate = values.rate !== undefined ? Number(values.rate) : (DEFAULT_RATE[kind] ?? 200);
    const base = { url: app.url, serviceUrl: connectorUrl, tenantId: TENANT, users: ids, roundId: round.id, date, connections: Number(values.connections), rate };
    await load({ ...base, seconds: 3, rate: Math.min(rate || 100, 100), runId: `warm-${kind}` });
    const profiler = values.profile ? await startProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const r = await load({ ...base, seconds: Number(values.seconds), runId: `run-${kind}` });
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler) writeFileSync(`${kind}-${values.profile}`, JSON.stringify(await profiler()));
    return {
      store: kind,
      users: USERS,
      'offered rps': rate || 'max',
      rps: Math.round(r.rps),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'max ms': r.max,
      'non-2xx': r.non2xx,
      errors: r.errors + r.timeouts,
      'answers stored': await count(db, 'select count(*)::int as n from round_answers where round_id = $1', [round.id]),
      'check-ins stored': await count(db, 'select count(*)::int as n from checkins where work_date = $1', [date]),
      'app CPU ms/request': Number(((cpu.user + cpu.system) / 1000 / Math.max(1, r.requests)).toFixed(2)),
      'peak RSS MB': rss.peakMb(),
    };
  } finally {
    clearInterval(ticker);
    rss.stop();
    await app.stop();
    await cloud.stop();
    await close();
  }
}

runPerStore(
  `card-action benchmark: ${USERS} people answering a round and submitting check-ins, ${values.connections} connections, ${values.seconds} s per store`,
  values.store,
  run,
);
