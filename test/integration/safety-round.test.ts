import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, messageActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { organisation, seedPeople } from '../support/people';

const TENANT = 'tenant-safety';
const clock = new FakeClock('2026-11-24T01:00:00Z');
const org = organisation(500, 10);
const answer = (roundId: string, ownStatus = 'safe') => ({
  roundId, ownStatus, familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '',
});

describe('safety round: cascade on a fake clock through the local connector', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let roundId = '';
  let formCardId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  /** Connector records, labelled with the purpose of the delivery that produced them. */
  const received = async () => {
    const rows = await app.db.query<{ activity_id: string; purpose: string; recipient_id: string }>("select activity_id, purpose, recipient_id from deliveries where status = 'sent'");
    const purpose = new Map(rows.rows.map((r) => [r.activity_id, r.purpose]));
    return cloud.state.delivered.filter((d) => d.kind !== 'update').map((d) => ({ user: d.userId ?? '', purpose: purpose.get(d.activityId) ?? '?', text: cardText(d.activity) }));
  };
  const countsBy = async (purpose: string) => {
    const m = new Map<string, number>();
    for (const r of await received()) if (r.purpose === purpose) m.set(r.user, (m.get(r.user) ?? 0) + 1);
    return m;
  };
  const settle = async () => waitUntil(async () => (await pendingCount(app.db)) === 0, 60_000, 100);

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', ROUND_TALLY_INTERVAL_SECONDS: '1' }, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: [...org.members, ...org.managers, ...org.admins] });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('refuses a non-admin and sends nothing', async () => {
    const res = await app.post(executeActivity(who('emp-0001'), VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true' }));
    expect(cardText((res.body as { value: unknown }).value)).toContain('管理者');
    expect((await app.db.query('select * from safety_rounds')).rows).toHaveLength(0);
    expect((await app.db.query('select * from deliveries')).rows).toHaveLength(0);
  });

  it('an admin previews and starts a drill; every member gets exactly one card', async () => {
    // The admin types 安否確認 and gets the form; preview and start replace that card in place.
    await app.post(messageActivity(who('admin-1'), '安否確認'));
    const formCard = await cloud.state.waitForActivity((d) => d.userId === 'admin-1' && cardText(d.activity).includes(VERBS.roundPreview));
    formCardId = formCard.activityId;
    const form = { kind: 'earthquake', scope: 'departments', departments: 'Ops', drill: 'true', message: '訓練です' };
    const preview = await app.post(executeActivity(who('admin-1'), VERBS.roundPreview, form, formCardId));
    expect(cardText((preview.body as { value: unknown }).value)).toContain('500');
    const started = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, form, formCardId));
    const again = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, form, formCardId));
    expect(again.status).toBe(200);
    expect(started.status).toBe(200);
    const roundRows = await app.db.query<{ id: string }>('select id from safety_rounds');
    expect(roundRows.rows).toHaveLength(1); // the double click started nothing more
    roundId = roundRows.rows[0]?.id ?? '';
    expect(roundId).toMatch(/[0-9a-f-]{36}/);
    await settle();
    const first = await countsBy('safety-check');
    expect(first.size).toBe(500);
    expect([...first.values()].every((n) => n === 1)).toBe(true);
    // The other admin got a live tally card; the starting admin's tally is the invoke response.
    expect((await countsBy('round-tally')).get('admin-2')).toBe(1);
  });

  it('an urgent answer reaches the manager and both admins at once', async () => {
    const t0 = Date.now();
    const res = await app.post(executeActivity(who('emp-0001'), VERBS.safetyAnswer, answer(roundId, 'serious_injury')));
    expect(res.status).toBe(200);
    await waitUntil(async () => (await countsBy('safety-alert')).size === 3, 5000, 20);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect([...(await countsBy('safety-alert')).keys()].sort()).toEqual(['admin-1', 'admin-2', 'mgr-1']);
  });

  it('re-sends, escalates to managers and admins exactly as planned', async () => {
    // 60 % answer at once (emp-0001 already did).
    for (let i = 2; i <= 300; i++) await app.post(executeActivity(who(`emp-${String(i).padStart(4, '0')}`), VERBS.safetyAnswer, answer(roundId)));
    clock.advance({ minutes: 30 });
    await app.rounds.tick();
    await settle();
    const resend1 = await countsBy('safety-resend-1');
    expect(resend1.size).toBe(200);
    expect([...resend1.keys()].every((u) => Number(u.slice(4)) > 300)).toBe(true);
    // The re-send says why it came again; the first card did not.
    const texts = (purpose: string) => received().then((all) => all.filter((r) => r.purpose === purpose && r.user === 'emp-0301').map((r) => r.text));
    expect(await texts('safety-resend-1')).toEqual([expect.stringContaining('Reminder 1: we have not received your answer yet')]);
    expect((await texts('safety-check'))[0]).not.toContain('Reminder');

    // 20 % answer after the first re-send.
    for (let i = 301; i <= 400; i++) await app.post(executeActivity(who(`emp-${String(i).padStart(4, '0')}`), VERBS.safetyAnswer, answer(roundId)));
    clock.advance({ minutes: 30 });
    await app.rounds.tick();
    await settle();
    const escalations = (await received()).filter((r) => r.purpose === 'safety-escalation');
    expect(escalations.map((e) => e.user).sort()).toEqual(org.managers.map((m) => m.id).sort());
    for (const e of escalations) {
      const mine = org.members.filter((m) => m.managerId === e.user && Number(m.id.slice(4)) > 400);
      const others = org.members.filter((m) => m.managerId !== e.user && Number(m.id.slice(4)) > 400);
      for (const m of mine) expect(e.text).toContain(m.name);
      for (const m of others.slice(0, 5)) expect(e.text).not.toContain(`"${m.name}"`);
    }

    clock.advance({ minutes: 120 });
    await app.rounds.tick();
    await settle();
    const resend2 = await countsBy('safety-resend-2');
    expect(resend2.size).toBe(100);
    expect([...(await countsBy('round-report')).keys()].sort()).toEqual(['admin-1', 'admin-2']);

    // The starting admin's card (the form, replaced by the tally) was updated in place with the answers.
    const updates = cloud.state.delivered.filter((d) => d.kind === 'update' && d.activityId === formCardId);
    expect(updates.length).toBeGreaterThan(0);
    expect(cardText(updates[updates.length - 1]?.activity)).toContain('400');
    expect((await app.db.query("select * from deliveries where status = 'failed'")).rows).toEqual([]);

    // Nothing more, however often the ticker runs.
    const sends = () => cloud.state.delivered.filter((d) => d.kind !== 'update').length;
    const before = sends();
    clock.advance({ hours: 5 });
    await app.rounds.tick();
    await app.rounds.tick();
    await settle();
    expect(sends()).toBe(before);
  });

  it('closing asks first, then sends the final report, keeps the tally and exports a CSV through a signed link', async () => {
    const asked = cardText(((await app.post(executeActivity(who('admin-1'), VERBS.roundClose, { roundId }))).body as { value: unknown }).value);
    expect(asked).toContain('この安否確認を終了しますか？');
    expect(asked).toContain(VERBS.roundCloseConfirmed);
    expect((await app.db.query('select status from safety_rounds where id = $1', [roundId])).rows).toEqual([{ status: 'open' }]);
    const res = await app.post(executeActivity(who('admin-1'), VERBS.roundCloseConfirmed, { roundId }));
    const tally = cardText((res.body as { value: unknown }).value);
    expect(tally).not.toContain(VERBS.roundClose);
    await settle();
    expect((await received()).filter((r) => r.purpose === 'round-report').length).toBe(4);
    const link = /"url":"(http[^"]+\.csv[^"]*)"/.exec(tally)?.[1];
    expect(link).toBeDefined();
    const csv = await (await fetch(link as string)).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(501);
    expect(csv).toContain('emp-0001');
    expect(csv).not.toContain('private');
    const forged = await fetch((link as string).replace(/sig=[^&]+/, 'sig=forged'));
    expect(forged.status).toBe(403);
  });
});
