/**
 * Planning benchmark (issue 10): a day's check-in cards (the check-in planner: one slot job per
 * (kind, instant) — start, end, check-out reminder — with its ledger row) and the day's manager and
 * security-team digests (the digest planner: one slot job per instant) for N people; then, when the
 * slots come due, their fan-out: the 09:00 start slot's `checkins-due` job per person and the digest
 * slot's `digests-due` job per recipient.
 *
 *   npm run bench:plan -- --users 100000 [--store pglite|postgres|both] [--team 10]
 *
 * One person in `--team` manages the next ones (so N / team managers get a digest), plus one
 * security-team member. PostgreSQL uses DATABASE_URL or TEST_DATABASE_URL (a fresh database is
 * created and dropped); without either, only PGlite runs. Prints one JSON line per store with
 * `store`, `users`, `total s` (both planners, users already in the store), `fan-out s` (the start and
 * digest slots) and `peak RSS MB`, then a table. Targets: ≤ 10 s and ≤ 400 MB at 100,000 people.
 */
import { parseArgs } from 'node:util';
import { createOutbox } from '../src/delivery/outbox';
import { createAuditLog } from '../src/audit/log';
import { createDigestsFeature } from '../src/features/digests';
import { createCheckinsFeature } from '../src/features/checkins';
import { createJobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/log/logger';
import type { Db } from '../src/store/db';
import { openBenchStore, rssSampler, runPerStore } from './support';
import { createRoles } from '../src/store/roles';

const { values } = parseArgs({ options: { users: { type: 'string', default: '2000' }, store: { type: 'string' }, team: { type: 'string', default: '10' } } });
const USERS = Number(values.users);
const TEAM = Math.max(2, Number(values.team));
const TENANT = 'bench-tenant';
/** Thursday 00:00 in Tokyo: the next 24 hours hold every card and digest of the day. */
const NOW = new Date('2026-11-26T00:00:00+09:00');

/** N people in teams: u0, u10, u20 … manage the nine after them; u1 is on the security team. */
async function insertPeople(db: Db): Promise<number> {
  for (let i = 0; i < USERS; i += 5000) {
    const n = Math.min(5000, USERS - i);
    await db.query(
      `insert into users (id, tenant_id, name, manager_id, locale, time_zone, is_security)
       select 'u' || k, $2, 'Person ' || k, case when k % $3 = 0 then null else 'u' || (k - k % $3) end, 'ja', 'Asia/Tokyo', k = 1
       from generate_series($1::int, $1::int + $4 - 1) as k`,
      [i, TENANT, TEAM, n],
    );
  }
  return Math.ceil(USERS / TEAM) + (USERS > 1 && 1 % TEAM !== 0 ? 1 : 0);
}

async function run(kind: string): Promise<Record<string, unknown>> {
  const { db, close } = await openBenchStore(kind);
  const logger = createLogger('silent');
  const queue = createJobQueue(db, { logger });
  await queue.start();
  const rss = rssSampler();
  try {
    const recipients = await insertPeople(db);
    const clock = { now: () => NOW };
    const deps = { db, clock, queue, logger, outbox: createOutbox(() => undefined), audit: createAuditLog({ clock }), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) };
    const planner = createCheckinsFeature(deps, { scheduler: { enabled: true, intervalSeconds: 60, horizonHours: 24 }, listeners: [] });
    const digests = createDigestsFeature(deps, {
      settings: { time: '09:30', includeIndirect: false, overtimeWarningHours: 45, overtimeNoticeHours: 80, restIntervalMinHours: 11, lowMoodDays: 3, missingDays: 2, intervalSeconds: 60, horizonHours: 24 },
    });
    const started = performance.now();
    const cards = await planner.planOnce();
    const cardsDone = performance.now();
    const planned = await digests.planOnce();
    const done = performance.now();
    // When the slots come due: the 09:00 start slot and the 09:30 digest slot fan out.
    const startCards = await planner.fanOut('start', new Date('2026-11-26T09:00:00+09:00'));
    const startDone = performance.now();
    const digestsDue = await digests.fanOutDue({ at: new Date('2026-11-26T09:30:00+09:00').toISOString(), time: '09:30' });
    const fannedOut = performance.now();
    const s = (ms: number) => Number((ms / 1000).toFixed(1));
    return {
      store: kind,
      users: USERS,
      'total s': s(done - started),
      'peak RSS MB': rss.peakMb(),
      'check-in slots': cards.planned,
      'check-in s': s(cardsDone - started),
      'digest slots': planned.planned,
      'digest s': s(done - cardsDone),
      'fan-out s': s(fannedOut - done),
      'start slot jobs': startCards,
      'start slot s': s(startDone - done),
      'digest slot jobs': digestsDue,
      'digest recipients': recipients,
      'digest slot s': s(fannedOut - startDone),
    };
  } finally {
    rss.stop();
    await queue.stop(1000);
    await close();
  }
}

runPerStore(`planning benchmark: a day's check-in cards and digests for ${USERS} people (teams of ${TEAM})`, values.store, run);
