// The self-report gap check (issue 10 item 5) through the real app on a fake clock: check-ins over
// /api/messages, Teams presence from the local Graph, the durable job through pg-boss, the reason
// card received by the local Bot Connector and answered on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { VERBS } from '../../src/cards/verbs';
import { createOutbox } from '../../src/delivery/outbox';
import { pendingCount } from '../../src/delivery/status';
import { createGapcheckFeature } from '../../src/features/gapcheck';
import { createGraphClient } from '../../src/graph/client';
import { createPresenceReader } from '../../src/graph/presence';
import { JOBS } from '../../src/jobs/names';
import { createLogger } from '../../src/log/logger';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';
import { postSignal } from '../support/signals';
import { createRoles } from '../../src/store/roles';

const TENANT = 'tenant-gap';
const DAY = '2026-11-24'; // a Tuesday
const START = {
  place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true',
  securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4',
};
const END = { break1Start: '', break1End: '', break2Start: '', break2End: '', vpnDisconnected: 'true', loggedOff: 'true', pcStored: 'true', mood: '3', comment: '' };
const VPN_USER = '6f1c2a4e-8b0d-4c1e-9a57-3d2b1e0f9a01';
const PEOPLE = ['late', 'close', 'clicker', VPN_USER];
const SECRET = 'gap-secret-0123456789abcdef';

describe.each(storeKinds())('self-report gap check on %s', (kind: StoreKind) => {
  const clock = new FakeClock(`${DAY}T08:00:00+09:00`);
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  /** A second instance on the same database, as another replica: its after-work presence poll and the digest's read. */
  let replica: ReturnType<typeof createGapcheckFeature>;

  const at = (time: string) => clock.set(`${DAY}T${time}:00+09:00`);
  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT });
  const invoke = async (user: string, verb: string, data: Record<string, unknown>) => {
    const res = await app.post(executeActivity(who(user), verb, data));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  const gapCards = (user: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(VERBS.gapReason));
  const check = async (user: string) =>
    (await app.db.query<{ status: string; minutes: number | null; reason: string | null; reason_note: string | null }>(
      'select status, minutes, reason, reason_note from gap_checks where user_id = $1', [user],
    )).rows[0];
  /** Teams presence as the local Graph will answer, then one reading: during work (reminders) or after (gap check). */
  const presence = async (time: string, values: Readonly<Record<string, string>>, afterWork: boolean) => {
    for (const [user, availability] of Object.entries(values)) cloud.state.presence.set(user, availability);
    at(time);
    await (afterWork ? replica.pollPresence() : app.reminders.pollPresence());
  };
  /** The durable job, run now through pg-boss; settled when the check left `planned`. */
  const runJob = async (user: string) => {
    await app.queue.send(JOBS.gapcheckDue, { userId: user, workDate: DAY });
    await waitUntil(async () => (await check(user))?.status !== 'planned', 20_000, 50);
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  };

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DELIVERY_RATE_PER_SECOND: '1000', PLEDGE_REQUIRED: 'false', SIGNALS_HMAC_SECRETS: `${TENANT}:${SECRET}` }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: [...PEOPLE.map((id) => ({ id, name: `Person ${id}`, department: 'Ops' })), { id: 'evening', name: '夜 遅子', department: 'Ops', managerId: 'boss' }, { id: 'boss', name: '上司 一郎', department: 'Ops' }],
    });
    const logger = createLogger('silent');
    replica = createGapcheckFeature({ db: app.db, clock, outbox: createOutbox(() => undefined), queue: app.queue, audit: createAuditLog({ clock }), logger, companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) }, {
      settings: { thresholdMinutes: 30, delayMinutes: 240, presencePollMinutes: 5 },
      presence: createPresenceReader({ client: createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test' }), logger }),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('a VPN session opened at 07:30 (gateway webhook) is recorded as activity', async () => {
    at('07:35');
    const raw = JSON.stringify({ id: 'evt-gap-1', type: 'vpn.session.opened', occurredAt: `${DAY}T07:30:00+09:00`, user: { aadObjectId: VPN_USER }, data: { gateway: 'gw-1' } });
    expect((await postSignal(app.url, raw, { secret: SECRET, unixSeconds: Math.floor(clock.now().getTime() / 1000) })).status).toBe(202);
    const firstVpn = async () => (await app.db.query<{ first_vpn_at: Date }>('select first_vpn_at from gap_activity where user_id = $1', [VPN_USER])).rows[0]?.first_vpn_at;
    await waitUntil(async () => (await firstVpn()) !== undefined, 20_000, 50);
    expect(new Date((await firstVpn()) ?? 0).toISOString()).toBe(new Date(`${DAY}T07:30:00+09:00`).toISOString());
  });

  it('the end check-in plans one durable job per person and day, 4 h later', async () => {
    at('09:00');
    for (const user of PEOPLE) expect(await invoke(user, VERBS.startSubmit, { date: DAY, startTime: '09:00', ...START })).toContain(VERBS.startEdit);
    await presence('09:10', { late: 'Available', close: 'Busy', clicker: 'Available' }, false);
    at('18:00');
    for (const user of PEOPLE) expect(await invoke(user, VERBS.endSubmit, { date: DAY, endTime: '18:00', ...END })).toContain(VERBS.endEdit);
    // An edited end answer moves the compared time, not the check: still one job.
    expect(await invoke('close', VERBS.endSubmit, { date: DAY, endTime: '18:00', ...END })).toContain(VERBS.endEdit);
    const jobs = await app.db.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = $1`, [JOBS.gapcheckDue]);
    expect(jobs.rows[0]?.n).toBe(PEOPLE.length);
    const due = await app.db.query<{ due_at: Date }>(`select due_at from gap_checks where user_id = 'late'`);
    expect(new Date(due.rows[0]?.due_at ?? 0).toISOString()).toBe(new Date(`${DAY}T22:00:00+09:00`).toISOString());
  });

  it('reported end 18:00, last presence change 20:15 → reason card; 18:20 → nothing', async () => {
    await presence('18:05', { late: 'Available', close: 'Available', clicker: 'Offline' }, true);
    await presence('18:20', { late: 'Away', close: 'Away' }, true);
    await presence('20:15', { late: 'Available', close: 'Away' }, true);
    at('22:00');
    await runJob('late');
    await runJob('close');
    expect(await check('late')).toMatchObject({ status: 'asked', minutes: 135 });
    expect(await check('close')).toMatchObject({ status: 'ok', minutes: 0 });
    expect(gapCards('close')).toHaveLength(0);
    const cards = gapCards('late');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]?.activity);
    expect(text).toContain('09:00–18:00');
    expect(text).toContain('–20:15');
    expect(text).toContain('2時間15分');
  });

  it('a card interaction after the reported end counts; check-in edits do not', async () => {
    at('19:00');
    await invoke('clicker', VERBS.vpnAnswer, { reminderId: 'vpn:none' }); // any card button the person presses
    at('21:00');
    await invoke('close', VERBS.endEdit, { date: DAY });
    const lastCard = async (user: string) =>
      (await app.db.query<{ last_card_at: Date | null }>('select last_card_at from gap_activity where user_id = $1', [user])).rows[0]?.last_card_at ?? null;
    expect(await lastCard('close')).toBeNull(); // check-in answers and edits are the self-report, not activity
    expect(new Date((await lastCard('clicker')) ?? 0).toISOString()).toBe(new Date(`${DAY}T19:00:00+09:00`).toISOString());
    await runJob('clicker');
    expect(await check('clicker')).toMatchObject({ status: 'asked', minutes: 60 });
    expect(gapCards('clicker')).toHaveLength(1);
  });

  it('VPN opened at 07:30, reported start 09:00 → reason card (90 minutes before the start)', async () => {
    await runJob(VPN_USER);
    expect(await check(VPN_USER)).toMatchObject({ status: 'asked', minutes: 90 });
    expect(gapCards(VPN_USER)).toHaveLength(1);
  });

  it('the job runs once per day: a retry sends nothing more', async () => {
    await app.queue.send(JOBS.gapcheckDue, { userId: 'late', workDate: DAY });
    await new Promise((r) => setTimeout(r, 1500));
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
    expect(gapCards('late')).toHaveLength(1);
  });

  it('the reason is validated, stored, audited without its text, and shown to the digest', async () => {
    at('22:30');
    const bad = await invoke('late', VERBS.gapReason, { date: DAY, reason: 'because' });
    expect(bad).not.toContain('✓');
    expect((await check('late'))?.status).toBe('asked');

    const note = '緊急のメールに返信した';
    const answered = await invoke('late', VERBS.gapReason, { date: DAY, reason: 'unrecorded_work', note });
    expect(answered).toContain('✓ 22:30');
    expect(answered).not.toContain(VERBS.gapReason);
    expect(await check('late')).toMatchObject({ status: 'answered', reason: 'unrecorded_work', reason_note: note });

    // Nothing was asked of `close`: its answer is refused.
    expect(await invoke('close', VERBS.gapReason, { date: DAY, reason: 'other' })).not.toContain('✓');

    const audit = await app.db.query<{ data: unknown }>(`select data from audit_log where data->>'phase' = 'gap' order by seq`);
    expect(audit.rows.map((r) => (r.data as { event: string }).event)).toEqual(['gap_detected', 'gap_detected', 'gap_detected', 'gap_reason']);
    expect(JSON.stringify(audit.rows)).not.toContain(note);

    // The digest gets the reason as text in both languages (never the code) and the person's note.
    expect(await replica.gaps.gapsFor(PEOPLE, DAY)).toEqual([
      { userId: VPN_USER, minutes: 90, reason: undefined, note: undefined },
      { userId: 'clicker', minutes: 60, reason: undefined, note: undefined },
      { userId: 'late', minutes: 135, reason: { ja: '申告した時間の外にも仕事をした（未申告）', en: 'I worked outside the reported times (not recorded)' }, note },
    ]);
  });

  it('no blind window: worked until 20:15 (presence), reported 18:00 at 20:20 → asked; the card waits for the next working hour', async () => {
    const NEXT = '2026-11-25'; // Wednesday
    const on = (date: string, time: string) => clock.set(`${date}T${time}:00+09:00`);
    on(NEXT, '09:00');
    expect(await invoke('evening', VERBS.startSubmit, { date: NEXT, startTime: '09:00', ...START })).toContain(VERBS.startEdit);
    // No end check-in yet: after the scheduled end (18:00) the gap check reads presence itself.
    cloud.state.presence.set('evening', 'Available');
    on(NEXT, '18:30');
    await replica.pollPresence();
    on(NEXT, '20:15');
    await replica.pollPresence();
    on(NEXT, '20:20');
    expect(await invoke('evening', VERBS.endSubmit, { date: NEXT, endTime: '18:00', ...END })).toContain(VERBS.endEdit);
    const day = async () => (await app.db.query<{ status: string; minutes: number | null; due_at: Date }>(`select status, minutes, due_at from gap_checks where user_id = 'evening'`)).rows[0];
    // Checked 4 h after the report at 20:20 (at least 2 h of presence after it), not 4 h after 18:00.
    expect(new Date((await day())?.due_at ?? 0).toISOString()).toBe(new Date(`2026-11-26T00:20:00+09:00`).toISOString());
    on('2026-11-26', '00:20');
    await app.queue.send(JOBS.gapcheckDue, { userId: 'evening', workDate: NEXT });
    await waitUntil(async () => (await day())?.status !== 'planned', 20_000, 50);
    expect(await day()).toMatchObject({ status: 'asked', minutes: 135 });
    // The question reaches the person at 09:00, their next working hour, not at 00:20.
    const held = await app.db.query<{ not_before: Date }>(`select not_before from deliveries where recipient_id = 'evening' and purpose = 'gap-reason'`);
    expect(new Date(held.rows[0]?.not_before ?? 0).toISOString()).toBe(new Date('2026-11-26T09:00:00+09:00').toISOString());
  });

  it("the manager's digest shows the reason as text in the manager's language, with the person's note", async () => {
    const NEXT = '2026-11-25';
    clock.set('2026-11-26T09:05:00+09:00');
    const note = '障害対応で延長した';
    expect(await invoke('evening', VERBS.gapReason, { date: NEXT, reason: 'unrecorded_work', note })).toContain('✓');
    expect((await app.digests.runDue('boss', '2026-11-26')).wellbeing).toBe(true);
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
    const digest = cloud.state.cardsFor('boss').map((d) => cardText(d.activity)).find((text) => text.includes('メンバーの状況')) ?? '';
    expect(digest).toContain('自己申告と記録の差 2時間15分（理由：申告した時間の外にも仕事をした（未申告）／本人のコメント：障害対応で延長した）');
    expect(digest).not.toContain('unrecorded_work');
  });
});
