// The monthly home-network self-check (issue 9 item 6, G 3) through the real app on a fake clock: the
// command opens it, answers are stored with each failure explained by the rule, and the monthly card is
// a durable job planned once per person and month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { createHomeNetworkFeature } from '../../src/features/homenet';
import { JOBS } from '../../src/jobs/names';
import { createLogger } from '../../src/log/logger';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-homenet';
const YES = { routerPassword: 'true', encryption: 'true', firmware: 'true', noMacAuth: 'true', noFamilyBeforeVpn: 'true' };

describe('home-network self-check', () => {
  const clock = new FakeClock('2026-11-24T10:00:00+09:00');
  let cloud: FakeCloud;
  let app: TestApp;
  const who = (user: string, locale = 'ja-JP') => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale });
  const homeCards = (user: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(VERBS.homeNetworkSubmit));

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ HOME_NETWORK_CHECK: 'monthly', HOME_NETWORK_CHECK_TIME: '10:00', DELIVERY_RATE_PER_SECOND: '1000' }, { clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: ['h-cmd', 'h-month', 'h-other'].map((id) => ({ id, name: `Person ${id}`, department: 'Ops', locale: 'ja' as const })),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
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

  it('sends the monthly card on the first workday once per person and month', async () => {
    const feature = createHomeNetworkFeature({
      db: app.db, clock, outbox: app.outbox, queue: app.queue, audit: createAuditLog({ clock }), logger: createLogger('silent'), companyHolidays: [],
      settings: { monthly: true, time: '10:00', planIntervalSeconds: 60, horizonHours: 24 },
    });
    clock.set('2026-11-24T09:59:58+09:00'); // not the first workday of November (11/2): nothing to plan
    expect((await feature.plan()).planned).toBe(0);

    clock.set('2026-12-01T09:59:58+09:00'); // Tuesday 12/1, the first workday of December
    const { planned } = await feature.plan();
    expect(planned).toBe(3);
    expect((await feature.plan()).planned).toBe(0);
    await waitUntil(async () => homeCards('h-month').length === 1 && homeCards('h-other').length === 1, 20_000, 50);
    expect(cardText(homeCards('h-month')[0]?.activity)).toContain('2026年12月');

    // A retried job (same person and month) sends nothing more.
    await app.queue.send(JOBS.homeNetworkDue, { userId: 'h-month', month: '2026-12' });
    await new Promise((r) => setTimeout(r, 1500));
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
    expect(homeCards('h-month')).toHaveLength(1);
    const sent = await app.db.query<{ month: string }>("select month from home_network_checks where user_id = $1 and sent_at is not null", ['h-month']);
    expect(sent.rows).toEqual([{ month: '2026-12' }]);
  });
});
