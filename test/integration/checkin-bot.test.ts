import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';

// Tuesday 2026-11-24 10:30 in Tokyo.
const clock = new FakeClock('2026-11-24T01:30:00Z');
const DATE = '2026-11-24';

const goodStart = {
  date: DATE, startTime: '09:05', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true',
  notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4', comment: 'private note',
};

describe('daily check-in through /api/messages (local mode)', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  const en = () => ({ serviceUrl: cloud.connectorUrl, user: 'aad-en', locale: 'en-US', name: 'Alex' });
  const ja = () => ({ serviceUrl: cloud.connectorUrl, user: 'aad-ja', locale: 'ja-JP', name: '佐藤 花子' });
  const rows = async (user: string) => (await app.db.query('select * from checkins where user_id = $1', [user])).rows;
  const invokeCard = (res: { body: unknown }) => (res.body as { value: unknown }).value;

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({}, { clock });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('answers "start" by sending the start card to the activity serviceUrl', async () => {
    const res = await app.post(messageActivity(en(), 'start'));
    expect(res.status).toBe(200);
    const delivered = await cloud.state.waitForActivity((d) => d.conversationId === 'a:conv-aad-en');
    const card = (delivered.activity.attachments as { content: unknown }[])[0]?.content;
    const ids = findElements(card, (e) => typeof e.id === 'string' && String(e.type).startsWith('Input.')).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['startTime', 'place', 'connection', 'device', 'mood', 'comment']));
    expect(cardText(card)).toContain('Alex');
    const refs = await app.db.query('select conversation_id, service_url from conversation_refs where user_id = $1', ['aad-en']);
    expect(refs.rows).toEqual([{ conversation_id: 'a:conv-aad-en', service_url: cloud.connectorUrl }]);
  });

  it('records a valid start answer once and replaces the card with the summary', async () => {
    const first = await app.post(executeActivity(en(), VERBS.startSubmit, goodStart));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const summary = cardText(invokeCard(first));
    expect(summary).toContain(VERBS.startEdit);
    expect(summary).toContain('09:05');
    expect(await rows('aad-en')).toHaveLength(1);

    const again = await app.post(executeActivity(en(), VERBS.startSubmit, { ...goodStart, startTime: '09:10' }));
    expect(again.status).toBe(200);
    const stored = await rows('aad-en');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ start_time: '09:10', revision: 2, status: 'started' });
  });

  it.each([
    ['wrong types', VERBS.startSubmit, { ...goodStart, mood: 'seven', screenPrivate: 42 }],
    ['missing fields', VERBS.startSubmit, { date: DATE, place: 'home' }],
    ['unknown verb', 'checkin.explode', goodStart],
    ['bad date', VERBS.startSubmit, { ...goodStart, date: '1999-01-01' }],
  ])('refuses %s with a localized error card and stores nothing', async (_name, verb, data) => {
    const res = await app.post(executeActivity(ja(), verb, data));
    expect(res.status).toBe(200);
    const card = invokeCard(res);
    expect(cardText(card)).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
    expect(cardText(card)).toMatch(/Ref|参照/);
    expect(await rows('aad-ja')).toHaveLength(0);
  });

  it('keeps serving after bad input', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('records violations and shows the guideline rule in the user language', async () => {
    const res = await app.post(executeActivity(ja(), VERBS.startSubmit, { ...goodStart, connection: 'public_wifi', device: 'private_pc' }));
    const text = cardText(invokeCard(res));
    expect(text).toContain('G 1.2');
    expect(text).toMatch(/Wi-Fi|ＷｉＦｉ|無線/);
    const v = await app.db.query<{ kind: string }>('select kind from violations where user_id = $1 order by kind', ['aad-ja']);
    expect(v.rows.map((r) => r.kind)).toEqual(['private_pc_unapproved', 'public_wifi']);
  });

  it('computes working time at the end of the day and shows it in "my week"', async () => {
    const end = { date: DATE, endTime: '18:30', break1Start: '12:00', break1End: '13:00', break2Start: '', break2End: '', vpnDisconnected: 'false', loggedOff: 'true', pcStored: 'true', mood: '3', comment: '' };
    const res = await app.post(executeActivity(en(), VERBS.endSubmit, end));
    expect(cardText(invokeCard(res))).toContain('8h 20m');
    expect((await rows('aad-en'))[0]).toMatchObject({ status: 'ended', working_minutes: 500, break_minutes: 60 });
    const v = await app.db.query('select kind from violations where user_id = $1', ['aad-en']);
    expect(v.rows).toEqual([{ kind: 'vpn_not_disconnected' }]);

    await app.post(messageActivity(en(), 'my week'));
    const week = await cloud.state.waitForActivity((d) => d.conversationId === 'a:conv-aad-en' && cardText(d.activity).includes('8h 20m'));
    expect(cardText(week.activity)).toContain('8h 20m');
  });

  it('refuses an end answer without a start, in Japanese', async () => {
    const res = await app.post(executeActivity({ ...ja(), user: 'aad-nostart' }, VERBS.endSubmit, { date: DATE, endTime: '18:00', vpnDisconnected: 'true', loggedOff: 'true', pcStored: 'true', mood: '3' }));
    expect(cardText(invokeCard(res))).toContain('出勤');
    expect(await rows('aad-nostart')).toHaveLength(0);
  });
});

describe('tenant restriction', () => {
  it('rejects activities from tenants that are not allowed and stores nothing', async () => {
    const cloud = await startFakeCloud();
    const app = await startTestApp({ ALLOWED_TENANT_IDS: 'tenant-1' }, { clock });
    try {
      const res = await app.post(messageActivity({ serviceUrl: cloud.connectorUrl, user: 'intruder', tenant: 'evil-tenant' }, 'start'));
      expect(res.status).toBe(403);
      expect((await app.db.query('select * from users where id = $1', ['intruder'])).rows).toHaveLength(0);
      expect(cloud.state.delivered).toHaveLength(0);
    } finally {
      await app.stop();
      await cloud.stop();
    }
  });
});
