// Check-in planning in slots (issue 10 item 6): one timed job per (kind, instant) however many people,
// planned once; when due it fans out one card job per person, and a retried slot still sends ONE card
// each. Through the real app on a fake clock; cards as received by the local connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { createPlanner } from '../../src/features/checkins/planner';
import { createLogger } from '../../src/log/logger';
import { usersRepo } from '../../src/store/users';
import { cardText, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-slots';
const N = 25;
const IDS = Array.from({ length: N }, (_, i) => `s${i + 1}`);
const START_AT = '2026-11-26T00:00:00.000Z'; // Thursday 09:00 in Tokyo

describe.each(storeKinds())('check-in slots on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  // Two seconds before the start cards: the app runs the start slot almost at once (real time).
  const clock = new FakeClock('2026-11-26T08:59:58+09:00');
  const planner = () => createPlanner({ db: app.db, clock, queue: app.queue, logger: createLogger('silent'), companyHolidays: [], horizonHours: 24 });
  const startCards = (user: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(VERBS.startSubmit));
  const count = async (sql: string) => (await app.db.query<{ n: number }>(sql)).rows[0]?.n;
  /** No card job left to run and nothing left in the outbox. */
  const settled = () =>
    waitUntil(
      async () =>
        (await count(`select count(*)::int as n from pgboss.job where name in ('checkins-due', 'checkins-slot') and state in ('created', 'retry', 'active') and start_after <= now()`)) === 0 &&
        (await pendingCount(app.db)) === 0,
      30_000,
      100,
    );

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: IDS.map((id) => ({ id, name: `Person ${id}`, department: 'Ops' })) });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('plans three slot jobs for everyone, once', async () => {
    expect((await planner().planOnce()).planned).toBe(3);
    expect((await planner().planOnce()).planned).toBe(0); // another run, another replica: nothing new
    const keys = (await app.db.query<{ key: string }>(`select key from job_plan where key like 'checkin-slot:%' order by run_at`)).rows.map((r) => r.key);
    expect(keys).toEqual([
      `checkin-slot:start:${START_AT}`,
      'checkin-slot:end:2026-11-26T09:00:00.000Z', // 18:00
      'checkin-slot:checkout_reminder:2026-11-26T11:00:00.000Z', // 20:00
    ]);
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'checkins-slot'`)).toBe(3);
  });

  it('the start slot, when due, sends every person their start card', async () => {
    await waitUntil(async () => IDS.every((id) => startCards(id).length === 1), 30_000, 100);
    await settled();
    expect(IDS.map((id) => startCards(id).length)).toEqual(IDS.map(() => 1));
  });

  it('a retried slot job (fanned out twice more) still leaves ONE start card each', async () => {
    expect(await planner().fanOut('start', new Date(START_AT))).toBe(N);
    expect(await planner().fanOut('start', new Date(START_AT))).toBe(N);
    await settled();
    // Every card job ran (the slot's and both retries'), and the outbox let one card out per person.
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'checkins-due' and state = 'completed'`)).toBe(3 * N);
    expect(IDS.map((id) => startCards(id).length)).toEqual(IDS.map(() => 1));
  });

  it('a newcomer with their own start time gets their slot at the next planning, and only theirs', async () => {
    await usersRepo.upsert(app.db, {
      id: 'late-starter', tenantId: TENANT, name: 'Late Starter', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, schedule: { startTime: '10:00' },
    });
    expect((await planner().planOnce()).planned).toBe(1);
    expect(await count(`select count(*)::int as n from job_plan where key = 'checkin-slot:start:2026-11-26T01:00:00.000Z'`)).toBe(1);
    // Their end (18:00) is everyone's slot: the slot lists people when it runs, so they are in it.
    expect(await planner().fanOut('end', new Date('2026-11-26T09:00:00.000Z'))).toBe(N + 1);
    expect(await planner().fanOut('start', new Date('2026-11-26T01:00:00.000Z'))).toBe(1);
    expect(await planner().fanOut('start', new Date(START_AT))).toBe(N);
  });

  it("a night shift's end card and reminder belong to the day it started", async () => {
    await usersRepo.upsert(app.db, {
      id: 'night-owl', tenantId: TENANT, name: 'Night Owl', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, schedule: { startTime: '22:00', endTime: '06:00' },
    });
    expect((await planner().planOnce()).planned).toBe(3); // Thu 22:00 start, Fri 06:00 end, Fri 08:00 reminder
    expect(await planner().fanOut('end', new Date('2026-11-26T21:00:00.000Z'))).toBe(1);
    expect(await planner().fanOut('checkout_reminder', new Date('2026-11-26T23:00:00.000Z'))).toBe(1);
    const jobs = await app.db.query<{ kind: string; day: string }>(
      `select data->>'kind' as kind, data->>'localDate' as day from pgboss.job where name = 'checkins-due' and data->>'userId' = 'night-owl' order by 1`,
    );
    expect(jobs.rows).toEqual([{ kind: 'checkout_reminder', day: '2026-11-26' }, { kind: 'end', day: '2026-11-26' }]);
  });
});
