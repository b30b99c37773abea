// The monthly home-network self-check (issue 9 item 6, G 3) through the real app on a fake clock: the
// command opens it, answers are stored with each failure explained by the rule, and the monthly card is
// planned in slots: one durable job per (month, instant) however many people, fanned out to one job per
// person, and one card per person and month however often a job runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { createHomeNetworkFeature } from '../../src/features/home-network';
import { zonedTimeToUtc } from '../../src/domain/calendar';
import { scheduleFor } from '../../src/domain/checkins/schedule';
import { firstWorkdayOfMonth } from '../../src/domain/policy/home-network';
import { JOBS } from '../../src/jobs/names';
import { createLogger } from '../../src/log/logger';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';
import { createRoles } from '../../src/store/roles';

const TENANT = 'tenant-homenet';
/** 20 people with the same schedule: one slot a month. */
const IDS = ['h-cmd', 'h-month', 'h-other', ...Array.from({ length: 17 }, (_, i) => `h-${i + 1}`)];
const N = IDS.length;
const YES = { routerPassword: 'true', encryption: 'true', firmware: 'true', noMacAuth: 'true', noFamilyBeforeVpn: 'true' };

describe.each(storeKinds())('home-network self-check on %s', (kind: StoreKind) => {
  const clock = new FakeClock('2026-11-24T10:00:00+09:00');
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  const who = (user: string, locale = 'ja-JP') => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale });
  const homeCards = (user: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(VERBS.homeNetworkSubmit));

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ HOME_NETWORK_CHECK: 'monthly', HOME_NETWORK_CHECK_TIME: '10:00', DELIVERY_RATE_PER_SECOND: '1000' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: IDS.map((id) => ({ id, name: `Person ${id}`, department: 'Ops', locale: 'ja' as const })),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('opens with "自宅ネットワーク" and explains each failure with the G 3 rule', async () => {
    await app.post(messageActivity(who('h-cmd'), '自宅ネットワーク'));
    const card = await cloud.state.waitForActivity((d) => d.conversationId === 'a:conv-h-cmd');
    const ids = findElements(card.activity, (e) => e.type === 'Input.Toggle').map((e) => e.id);
    expect(ids).toEqual(['routerPassword', 'encryption', 'firmware', 'noMacAuth', 'noFamilyBeforeVpn']);
    expect(cardText(card.activity)).toContain('2026年11月');

    const res = await app.post(executeActivity(who('h-cmd'), VERBS.homeNetworkSubmit, { month: '2026-11', ...YES, encryption: 'false', noMacAuth: 'false' }));
    const answered = cardText((res.body as { value: unknown }).value);
    expect(answered).toContain('暗号化なしや、WEPなど強度が低い暗号化方式の利用は禁止する');
    expect(answered).toContain('MACアドレスをネットワークアクセス認証の用途で利用しない事');
    expect(answered).not.toContain('脆弱性対応したファームウェア');
    const row = await app.db.query<{ failures: string[]; answers: Record<string, boolean> }>('select failures, answers from home_network_checks where user_id = $1', ['h-cmd']);
    expect(row.rows[0]?.failures).toEqual(['encryption', 'noMacAuth']);
    expect(row.rows[0]?.answers.firmware).toBe(true);
    const audit = await app.db.query("select 1 from audit_log where subject_id = $1 and kind = 'homenet.answered'", ['h-cmd']);
    expect(audit.rows).toHaveLength(1);

    const fixed = cardText((await app.post(executeActivity(who('h-cmd'), VERBS.homeNetworkSubmit, { month: '2026-11', ...YES }))).body);
    expect(fixed).toContain('ガイドラインに沿っています');
  });

  it('refuses answers for a month that was never sent', async () => {
    const res = await app.post(executeActivity(who('h-other'), VERBS.homeNetworkSubmit, { month: '2026-05', ...YES }));
    expect(res.status).toBe(200);
    expect((await app.db.query('select 1 from home_network_checks where user_id = $1', ['h-other'])).rows).toHaveLength(0);
  });

  const feature = () =>
    createHomeNetworkFeature({ db: app.db, clock, outbox: app.outbox, queue: app.queue, audit: createAuditLog({ clock }), logger: createLogger('silent'), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) }, {
      settings: { monthly: true, time: '10:00', planIntervalSeconds: 60, horizonHours: 24 },
    });
  const count = async (sql: string) => (await app.db.query<{ n: number }>(sql)).rows[0]?.n;
  const monthCards = (user: string, label: string) => homeCards(user).filter((d) => cardText(d.activity).includes(label));
  /** No home-network job left to run now and nothing left in the outbox. */
  const settled = () =>
    waitUntil(
      async () =>
        (await count(`select count(*)::int as n from pgboss.job where name in ('homenet-due', 'homenet-slot') and state in ('created', 'retry', 'active') and start_after <= now()`)) === 0 &&
        (await pendingCount(app.db)) === 0,
      30_000,
      100,
    );

  it('sends the monthly card on the first workday once per person and month: one slot for everyone', async () => {
    clock.set('2026-11-24T09:59:58+09:00'); // not the first workday of November (11/2): nothing to plan
    expect((await feature().plan()).planned).toBe(0);

    clock.set('2026-12-01T09:59:58+09:00'); // Tuesday 12/1, the first workday of December
    expect((await feature().plan()).planned).toBe(1); // 20 people, one schedule: one slot
    expect((await feature().plan()).planned).toBe(0); // another run, another replica: nothing new
    const keys = (await app.db.query<{ key: string }>(`select key from job_plan where key like 'homenet-slot:%'`)).rows.map((r) => r.key);
    expect(keys).toEqual(['homenet-slot:2026-12:2026-12-01T01:00:00.000Z']);
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'homenet-slot'`)).toBe(1);

    // h-cmd also has November's card, opened by the command.
    await waitUntil(async () => IDS.every((id) => monthCards(id, '2026年12月').length === 1), 20_000, 50);
    expect(homeCards('h-month')).toHaveLength(1);

    // A retried job (same person and month) sends nothing more.
    await app.queue.send(JOBS.homeNetworkDue, { userId: 'h-month', month: '2026-12' });
    await settled();
    expect(IDS.map((id) => monthCards(id, '2026年12月').length)).toEqual(IDS.map(() => 1));
    const sent = await app.db.query<{ month: string }>("select month from home_network_checks where user_id = $1 and sent_at is not null", ['h-month']);
    expect(sent.rows).toEqual([{ month: '2026-12' }]);
    // The slot fanned out again (a retried slot job): everyone has the month's card, no job at all.
    expect(await feature().fanOut({ month: '2026-12', at: '2026-12-01T01:00:00.000Z', time: '10:00' })).toBe(0);
  });

  it('a slot fanned out twice before its cards went out still sends ONE card each', async () => {
    // January: 1/1 is a holiday and 1/2-3 a weekend; the slot as the planner computes it.
    const day = firstWorkdayOfMonth('2027-01', scheduleFor({ timeZone: 'Asia/Tokyo' }, []));
    expect(day).toBe('2027-01-04');
    const slot = { month: '2027-01', at: zonedTimeToUtc('2027-01-04', '10:00', 'Asia/Tokyo').toISOString(), time: '10:00' };
    expect(await feature().fanOut(slot)).toBe(N);
    // The same jobs again, as a retried slot that ran before the first jobs did.
    await app.queue.sendMany(JOBS.homeNetworkDue, IDS.map((userId) => ({ userId, month: '2027-01' })));
    await settled();
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'homenet-due' and data->>'month' = '2027-01' and state = 'completed'`)).toBe(2 * N);
    expect(IDS.map((id) => monthCards(id, '2027年1月').length)).toEqual(IDS.map(() => 1));
    expect(await feature().fanOut(slot)).toBe(0);
    expect(await count(`select count(*)::int as n from home_network_checks where month = '2027-01' and sent_at is not null`)).toBe(N);
  });

  it('a slot missed by up to 12 h is still sent the same day; later, it is not', async () => {
    clock.set('2027-02-01T21:59:00+09:00'); // Monday 2/1 10:00 was 11 h 59 min ago (the app was down)
    expect((await feature().plan()).planned).toBe(1);
    expect((await feature().plan()).planned).toBe(0);
    await waitUntil(async () => IDS.every((id) => monthCards(id, '2027年2月').length === 1), 20_000, 50);

    clock.set('2027-03-01T22:01:00+09:00'); // Monday 3/1 10:00 was 12 h 1 min ago: too late
    expect((await feature().plan()).planned).toBe(0);
    expect(await count(`select count(*)::int as n from job_plan where key like 'homenet-slot:2027-03:%'`)).toBe(0);
  });
});

