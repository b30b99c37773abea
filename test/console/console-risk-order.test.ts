// Issue 21 item 3: the console's "needs attention" list puts people with no check-in today (we do not
// know where they work today) after those the card has not reached or who have not read it, and before
// the rest, who are ordered by how long they have been silent. "Today" is the clock's date in the
// person's time zone, as their check-in's work date is. Through the console API on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { usersRepo } from '../../src/store/users';
import { executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-risk';
// 16:00 UTC = 01:00 on 25 November in Tokyo: a check-in dated the 24th is yesterday's.
const NOW = '2026-11-24T16:00:00Z';
const people: Person[] = [
  { id: 'admin-r', name: 'Admin', department: 'HR', isAdmin: true },
  { id: 'p-checked-in', name: 'A Checked in', department: 'Sales' },
  { id: 'p-no-checkin', name: 'B No check-in', department: 'Sales' },
  { id: 'p-not-read', name: 'C Not read', department: 'Sales' },
  { id: 'p-failed', name: 'D Not delivered', department: 'Sales' },
  { id: 'p-help', name: 'E Needs help', department: 'Sales' },
];

describe.each(storeKinds())('console risk order with "no check-in today" (%s)', (kind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    store = await openTestStore(kind);
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '500' }, { clock, db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('needs help, not delivered, not read, no check-in today, then the longest silent', async () => {
    const by = await usersRepo.get(app.db, 'admin-r');
    const roundId = (await app.rounds.start({ tenantId: TENANT, by, source: 'admin', form: { kind: 'earthquake', scope: 'departments', departments: ['Sales'], prefectures: [], people: [], drill: true, message: undefined } })).round.id;
    await app.rounds.tick();
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 30_000, 50);
    const card = (userId: string, set: string) => app.db.query(`update deliveries set ${set} where batch_id = $1 and recipient_id = $2`, [`round:${roundId}`, userId]);
    // The one who checked in today has been silent longest: without the new rule they would come before B.
    await card('p-checked-in', `read_at = '2026-11-24T15:59:00Z', sent_at = '2026-11-24T15:00:00Z'`);
    await card('p-no-checkin', `read_at = '2026-11-24T15:59:00Z', sent_at = '2026-11-24T15:30:00Z'`);
    await card('p-failed', `status = 'failed'`);
    const checkin = (userId: string, workDate: string, status: string) =>
      app.db.query('insert into checkins (user_id, work_date, tenant_id, status, started_at) values ($1, $2, $3, $4, $5)', [userId, workDate, TENANT, status, '2026-11-24T00:00:00Z']);
    await checkin('p-checked-in', '2026-11-25', 'started');
    await checkin('p-no-checkin', '2026-11-24', 'ended'); // yesterday in Tokyo, although today in UTC
    await app.post(executeActivity({ serviceUrl: cloud.connectorUrl, user: 'p-help', tenant: TENANT }, VERBS.safetyAnswer, {
      roundId, ownStatus: 'needs_help', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'no', location: 'home', locationOther: '', comment: '',
    }));

    const res = await fetch(`${app.url}/api/console/rounds/${roundId}/attention`, { headers: { 'x-anshin-local-user': 'admin-r' } });
    const rows = (await res.json()) as { userId: string; delivery: string; checkedInToday: boolean }[];
    expect(rows.map((r) => r.userId)).toEqual(['p-help', 'p-failed', 'p-not-read', 'p-no-checkin', 'p-checked-in']);
    // The tab shows the reason on the row: the flag it reads.
    expect(rows.map((r) => [r.userId, r.checkedInToday])).toContainEqual(['p-no-checkin', false]);
    expect(rows.map((r) => [r.userId, r.checkedInToday])).toContainEqual(['p-checked-in', true]);
  });
});
