// Screen-lock and VPN-disconnect reminders (issue 8) through the real app on a fake clock: check-ins
// over /api/messages, Teams presence from the local Graph, cards received by the local connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type DeliveredRecord, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-reminders';
const DAY = '2026-11-24'; // a Tuesday
const HOLIDAY = '2026-11-23'; // 勤労感謝の日 (Monday)
const START = {
  place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true',
  securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4',
};
const END = { break1Start: '', break1End: '', break2Start: '', break2End: '', loggedOff: 'true', pcStored: 'true', mood: '3', comment: '' };
const person = (id: string): Person => ({ id, name: `Person ${id}`, department: 'Ops' });

/** One app on its own store, clock, local connector and local Graph, with the helpers the scenarios share. */
async function world(kind: StoreKind, ids: readonly string[], env: Record<string, string> = {}) {
  const clock = new FakeClock(`${DAY}T08:00:00+09:00`);
  const cloud: FakeCloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
  const store = await openTestStore(kind);
  const boot = () =>
    startTestApp({ GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DELIVERY_RATE_PER_SECOND: '1000', ...env }, { db: store.db, clock });
  let app: TestApp = await boot();
  await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: ids.map(person) });
  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT });
  const at = (time: string, date = DAY) => clock.set(`${date}T${time}:00+09:00`);
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>) => {
    const res = await app.post(executeActivity(who(user), verb, data));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  return {
    clock, cloud, who, at, settle, invoke,
    get app() {
      return app;
    },
    /** A new process on the same database (the old one is stopped first). */
    async restart() {
      await app.stop();
      app = await boot();
    },
    async checkIn(user: string, time: string, date = DAY) {
      at(time, date);
      expect(await invoke(user, VERBS.startSubmit, { date, startTime: time, ...START })).toContain(VERBS.startEdit);
    },
    async checkOut(user: string, time: string, vpnDisconnected: boolean, date = DAY) {
      at(time, date);
      expect(await invoke(user, VERBS.endSubmit, { date, endTime: time, vpnDisconnected: String(vpnDisconnected), ...END })).toContain(VERBS.endEdit);
    },
    async tick(time: string, date = DAY) {
      at(time, date);
      await app.reminders.tick();
      await settle();
    },
    async poll(time: string, presence: Readonly<Record<string, string>> = {}) {
      for (const [user, availability] of Object.entries(presence)) cloud.state.presence.set(user, availability);
      at(time);
      await app.reminders.pollPresence();
      await settle();
    },
    /** Reminder cards the person received, oldest first. */
    cards: (user: string, verb: string): DeliveredRecord[] => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(verb)),
    rows: async (user: string) =>
      (await app.db.query<{ id: string; kind: string; reason: string; status: string; closed_reason: string | null }>(
        'select id, kind, reason, status, closed_reason from reminders where user_id = $1 order by due_at, id', [user],
      )).rows,
    async stop() {
      await app.stop();
      await cloud.stop();
      await store.close();
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** The reminder id a card's answer buttons carry. */
const reminderIdOf = (rec: DeliveredRecord | undefined): string => {
  const action = findElements(rec?.activity, (e) => e.type === 'Action.Execute')[0];
  return String((action?.data as { reminderId?: unknown } | undefined)?.reminderId);
};

describe.each(storeKinds())('reminders on %s', (kind: StoreKind) => {
  describe('screen lock: Teams presence', () => {
    let w: World;
    beforeAll(async () => {
      w = await world(kind, ['p1', 'p2', 'p3']);
    });
    afterAll(async () => w?.stop());
    const presenceCards = (user: string) => w.cards(user, VERBS.screenLockAnswer);

    it('Away at 14:00 after the start check-in: one reminder', async () => {
      await w.checkIn('p1', '09:05');
      await w.checkIn('p2', '09:00');
      // The first reading only records; a 429 from Graph is waited out.
      w.cloud.state.presence.throttle.remaining = 1;
      w.cloud.state.presence.throttle.retryAfterSeconds = 0.05;
      await w.poll('09:10', { p1: 'Available', p2: 'Busy', p3: 'Available' });
      expect(w.cloud.state.presence.throttled).toBe(1);
      expect(w.cloud.state.presence.calls).toEqual([2]); // p3 has not checked in: not asked for
      await w.poll('14:00', { p1: 'Away', p2: 'Available' });
      expect(presenceCards('p1')).toHaveLength(1);
      expect(cardText(presenceCards('p1')[0]?.activity)).toContain('Teams');
      expect(presenceCards('p2')).toHaveLength(0);
      const stored = await w.app.db.query('select availability from presence_seen where user_id = $1', ['p1']);
      expect(stored.rows).toEqual([{ availability: 'Away' }]);
    });

    it('Away after the end check-in: none, and the day’s planned nudges are cancelled', async () => {
      await w.checkOut('p2', '14:05', true);
      await w.poll('14:10', { p1: 'Available', p2: 'Away' });
      expect(presenceCards('p2')).toHaveLength(0);
      expect((await w.rows('p2')).map((r) => [r.reason, r.status, r.closed_reason])).toEqual([
        ['scheduled', 'cancelled', 'checked_out'],
        ['scheduled', 'cancelled', 'checked_out'],
      ]);
    });

    it('Away 30 minutes after the previous reminder: none', async () => {
      await w.poll('14:30', { p1: 'Away' });
      expect(presenceCards('p1')).toHaveLength(1);
    });

    it('at most 3 a day: the 4th Away gets none', async () => {
      await w.poll('15:10', { p1: 'Available' });
      await w.poll('15:15', { p1: 'BeRightBack' });
      await w.poll('15:20', { p1: 'DoNotDisturb' });
      await w.poll('16:20', { p1: 'Away' });
      expect(presenceCards('p1')).toHaveLength(3);
      await w.poll('16:30', { p1: 'Available' });
      await w.poll('17:40', { p1: 'Away' });
      expect(presenceCards('p1')).toHaveLength(3);
      const presence = (await w.rows('p1')).filter((r) => r.reason === 'presence');
      expect(presence.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    });

    it('one tap answers; the card becomes a confirmation and "my week" counts sent / answered', async () => {
      const id = reminderIdOf(presenceCards('p1')[0]);
      const confirmation = await w.invoke('p1', VERBS.screenLockAnswer, { reminderId: id, answer: 'locked' });
      expect(confirmation).toContain('画面のロックを確認しました');
      expect(confirmation).not.toContain(VERBS.screenLockAnswer);
      const again = await w.invoke('p1', VERBS.screenLockAnswer, { reminderId: id, answer: 'at_pc' });
      expect(again).toContain('画面のロックを確認しました'); // the first answer stays
      expect(await w.invoke('p2', VERBS.screenLockAnswer, { reminderId: id, answer: 'locked' })).toContain('終了しています'); // not p2's
      const row = await w.app.db.query<{ status: string; answer: string; answered_at: Date }>('select status, answer, answered_at from reminders where id = $1', [id]);
      expect(row.rows).toEqual([{ status: 'answered', answer: 'locked', answered_at: w.clock.now() }]);

      await w.app.post(messageActivity(w.who('p1'), 'my week'));
      const week = await w.cloud.state.waitForActivity((d) => d.userId === 'p1' && cardText(d.activity).includes('今週の勤務記録'));
      expect(cardText(week.activity)).toContain('3 / 1');
    });

    it('the last presence is kept in the database: a change across a restart is noticed', async () => {
      await w.checkIn('p3', '17:00');
      await w.poll('17:05', { p3: 'Available' });
      await w.restart();
      await w.poll('17:10', { p3: 'Away' });
      expect(presenceCards('p3')).toHaveLength(1);
    });
  });

  describe('screen lock: scheduled nudges', () => {
    let w: World;
    beforeAll(async () => {
      w = await world(kind, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']);
    });
    afterAll(async () => w?.stop());
    const nudges = (user: string) => w.cards(user, VERBS.screenLockAnswer);

    it('not on a holiday', async () => {
      await w.checkIn('s1', '09:00', HOLIDAY);
      await w.tick('12:00', HOLIDAY);
      expect(nudges('s1')).toHaveLength(0);
    });

    it('12:00 arrives only for people checked in and not out; not after "not working today"', async () => {
      for (const u of ['s2', 's3', 's6', 's7']) await w.checkIn(u, '09:00');
      w.at('09:30');
      expect(await w.invoke('s5', VERBS.dayOff, { date: DAY, reason: 'not_working' })).toContain('勤務なし');
      await w.checkOut('s3', '11:30', true);
      // s7's nudge is queued while the worker is down, then s7 checks out: it is cancelled, not sent late.
      await w.app.worker.stop(1000);
      await w.tick('11:59');
      w.at('12:00');
      await w.app.reminders.tick();
      await w.checkOut('s7', '12:01', true);
      w.app.worker.start();
      await w.settle();
      expect(['s2', 's3', 's4', 's5', 's6', 's7'].map((u) => nudges(u).length)).toEqual([1, 0, 0, 0, 1, 0]);
      expect((await w.rows('s7'))[0]).toMatchObject({ reason: 'scheduled', status: 'cancelled', closed_reason: 'checked_out' });
      const text = cardText(nudges('s2')[0]?.activity);
      expect(text).toContain('12:00');
      expect(text).toContain(VERBS.screenLockLaterNudges);
    });

    it('a person can turn off the second nudge from the card', async () => {
      const id = reminderIdOf(nudges('s2')[0]);
      const card = await w.invoke('s2', VERBS.screenLockLaterNudges, { reminderId: id, on: 'false' });
      expect(card).toContain('15:00 のリマインダーを停止しました');
      expect(card).toContain('"on":"true"'); // the card now offers to turn it back on
      expect(card).toContain(VERBS.screenLockAnswer); // and can still be answered
      await w.tick('15:00');
      expect(nudges('s2')).toHaveLength(1);
      expect(nudges('s6')).toHaveLength(2);
      // The 15:00 card, the last of the day, does not offer to stop "the 15:00 reminder" on itself.
      const last = cardText(nudges('s6')[1]?.activity);
      expect(last).toContain('15:00');
      expect(last).toContain(VERBS.screenLockAnswer);
      expect(last).not.toContain(VERBS.screenLockLaterNudges);
      expect((await w.rows('s2')).map((r) => [r.status, r.closed_reason])).toEqual([['sent', null], ['skipped', 'opted_out']]);
    });
  });

  describe('VPN disconnect', () => {
    let w: World;
    beforeAll(async () => {
      w = await world(kind, ['v1', 'v2', 'v3', 'v4', 'v5']);
    });
    afterAll(async () => w?.stop());
    const vpnCards = (user: string) => w.cards(user, VERBS.vpnAnswer);
    const signal = (type: 'vpn.session.opened' | 'vpn.session.closed', userId: string, time: string) =>
      w.app.reminders.signalListener.onVpnSignal({ type, userId, tenantId: TENANT, occurredAt: new Date(`${DAY}T${time}:00+09:00`), eventId: `${type}-${userId}-${time}` });

    it('"still connected" at 18:05: reminders at 18:15, 18:25, 18:35 until acknowledged, at most 3', async () => {
      for (const u of ['v1', 'v2', 'v3', 'v4']) await w.checkIn(u, '09:00');
      await signal('vpn.session.opened', 'v4', '09:02');
      await signal('vpn.session.opened', 'v5', '09:03');
      for (const u of ['v1', 'v2', 'v3']) await w.checkOut(u, '18:05', false);
      await w.checkOut('v4', '18:05', true);
      await signal('vpn.session.closed', 'v3', '18:12');
      await w.tick('18:14');
      expect(vpnCards('v1')).toHaveLength(0);
      await w.tick('18:15');
      expect(vpnCards('v1')).toHaveLength(1);
      expect(vpnCards('v2')).toHaveLength(1);

      const confirmation = await w.invoke('v2', VERBS.vpnAnswer, { reminderId: reminderIdOf(vpnCards('v2')[0]) });
      expect(confirmation).toContain('切断を確認しました');
      await w.tick('18:25');
      await w.tick('18:35');
      await signal('vpn.session.closed', 'v4', '18:40'); // v4's signal reminder went out at 18:35; this resolves it
      await w.tick('18:45');
      await w.tick('19:30');
      expect(vpnCards('v1')).toHaveLength(3);
      expect(cardText(vpnCards('v1')[2]?.activity)).toContain('3 回目');
      expect(vpnCards('v2')).toHaveLength(1);
      expect((await w.rows('v1')).filter((r) => r.kind === 'vpn').map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    });

    it('a vpn.session.closed at 18:12 means no reminder', async () => {
      expect(vpnCards('v3')).toHaveLength(0);
      expect((await w.rows('v3')).filter((r) => r.kind === 'vpn').map((r) => [r.status, r.closed_reason])).toEqual([['cancelled', 'vpn_closed']]);
    });

    it('an open session reminds 30 minutes after the end check-in, or 2 h after the scheduled end without one', async () => {
      // v4 checked out at 18:05 saying "disconnected" while the gateway still had the session: 18:35.
      expect(vpnCards('v4')).toHaveLength(1);
      expect(cardText(vpnCards('v4')[0]?.activity)).toContain('VPN ゲートウェイ');
      // v5 never checked out: 20:00.
      await w.tick('19:59');
      expect(vpnCards('v5')).toHaveLength(0);
      await w.tick('20:00');
      expect(vpnCards('v5')).toHaveLength(1);
      expect(vpnCards('v4')).toHaveLength(1);
      expect((await w.rows('v4')).filter((r) => r.kind === 'vpn').map((r) => r.status)).toEqual(['resolved', 'cancelled']);
    });

    it('unacknowledged chains stay recorded for the manager digest', async () => {
      const open = await w.app.reminders.unacknowledgedVpn({ tenantId: TENANT, from: DAY, toInclusive: DAY });
      expect(open.map((o) => [o.userId, o.sent])).toEqual([['v1', 3], ['v5', 1]]);
    });
  });
});
