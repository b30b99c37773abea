// The admins' live tally keeps up with the answers (issue 20): an answer reaches their cards without
// waiting for the round ticker, one update is in flight per card, a card whose update is held back
// gets the latest once it is free (the others keep up meanwhile), and refreshing the tally by hand
// writes nothing when nothing changed. No ticker runs here (SCHEDULER_ENABLED=false); the test calls
// `tick` itself only where it says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-live-tally';
const clock = new FakeClock('2026-11-24T01:00:00Z');
const people: Person[] = [
  { id: 'admin-1', name: 'Admin One', department: 'HR', isAdmin: true },
  { id: 'admin-2', name: 'Admin Two', department: 'HR', isAdmin: true },
  { id: 'admin-3', name: 'Admin Three', department: 'HR', isAdmin: true },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `emp-${i + 1}`, name: `Employee ${i + 1}`, department: 'Ops' })),
];
const answer = (roundId: string) => ({ roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '' });

describe('live tally after answers', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let roundId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const updatesTo = (admin: string) => cloud.state.delivered.filter((d) => d.userId === admin && d.kind === 'update');
  const answered = async () => (await app.db.query<{ n: number }>(`select count(*)::int as n from round_recipients where round_id = $1 and status = 'answered'`, [roundId])).rows[0]?.n;

  beforeAll(async () => {
    cloud = await startFakeCloud({});
    app = await startTestApp({}, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    const res = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, { kind: 'earthquake', scope: 'departments', departments: 'Ops', drill: 'true' }));
    expect(res.status).toBe(200);
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    await settle();
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('an answer reaches the other admins\' tally cards without a tick', async () => {
    const two = updatesTo('admin-2').length;
    const three = updatesTo('admin-3').length;
    await app.post(executeActivity(who('emp-1'), VERBS.safetyAnswer, answer(roundId)));
    // Each admin's card is its own delivery: wait for both (they may land in either order).
    await waitUntil(async () => updatesTo('admin-2').length > two && updatesTo('admin-3').length > three, 15_000, 20);
    expect(cardText(updatesTo('admin-2').at(-1)?.activity)).toContain(VERBS.roundRefresh);
    expect(cardText(updatesTo('admin-3').at(-1)?.activity)).toContain(VERBS.roundRefresh);
  });

  it('a card whose update is still on its way gets no second one; it gets the latest once free, the others keep up', async () => {
    await settle();
    clock.advance({ seconds: 5 });
    // admin-3's card has an update waiting (the tenant's limit, a retry): held in the queue here.
    await app.db.query(
      `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, kind, activity, not_before, next_attempt_at, lane)
       values ('held-update', $1, $2, 'round-tally', 'admin-3', 'send', '{}', now() + interval '1 hour', now() + interval '1 hour', 'urgent')`,
      [TENANT, `round:${roundId}:admins`],
    );
    const two = updatesTo('admin-2').length;
    const three = updatesTo('admin-3').length;
    await app.post(executeActivity(who('emp-2'), VERBS.safetyAnswer, answer(roundId)));
    await waitUntil(async () => updatesTo('admin-2').length > two, 15_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(updatesTo('admin-3')).toHaveLength(three);
    expect((await app.db.query('select tally_dirty from safety_rounds where id = $1', [roundId])).rows).toEqual([{ tally_dirty: true }]);

    // The held update went (or gave up): the next sweep brings admin-3's card up to date.
    await app.db.query(`update deliveries set status = 'cancelled' where idempotency_key = 'held-update'`);
    clock.advance({ seconds: 5 });
    await app.rounds.tick();
    await settle();
    expect(updatesTo('admin-3').length).toBeGreaterThan(three);
    expect(await answered()).toBe(2);
    expect((await app.db.query('select tally_dirty from safety_rounds where id = $1', [roundId])).rows).toEqual([{ tally_dirty: false }]);
  });

  it('refreshing the tally by hand writes nothing to the card\'s row when nothing changed', async () => {
    const row = () => app.db.query(`select xmin::text as version, close_asked_at from round_tally_cards where round_id = $1 and admin_id = 'admin-2'`, [roundId]);
    const before = (await row()).rows;
    const res = await app.post(executeActivity(who('admin-2'), VERBS.roundRefresh, { roundId }));
    expect(cardText((res.body as { value: unknown }).value)).toContain(VERBS.roundClose);
    expect((await row()).rows).toEqual(before);
  });
});
