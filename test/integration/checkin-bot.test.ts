import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { createAuditLog } from '../../src/audit/log';
import { startAnswersSchema } from '../../src/domain/checkins/model';
import type { User } from '../../src/domain/people/user';
import { createCheckinService } from '../../src/features/checkins/service';
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
    // The private-PC violation offers the request card (approvals feature).
    const open = findElements(invokeCard(res), (e) => e.verb === VERBS.privatePcRequestOpen);
    expect(open).toHaveLength(1);
  });

  it.each([
    ['screenPrivate', 'screen_visible', 'G 1.5, 3', '画面が容易に見られない作業場所を確保する事', 'screen cannot easily be seen'],
    ['notShared', 'pc_shared', 'G 1.5, 3', '業務用PCを触らせない事', 'never let anyone touch the work PC'],
    ['vpnConnected', 'vpn_not_connected', 'G 3', 'VPNを稼働していない状態で、自宅ネットワークに接続することは禁止する', 'without the VPN running'],
    ['securityUpdated', 'security_outdated', 'G 3', 'セキュリティソフト及び、OSのアップデートを常に有効に設定している事', 'OS updates must always be enabled'],
  ])('a start answer "%s: no" is the violation %s with the G 3 rule, counted in "my week"', async (field, kind, ref, ja, en) => {
    const user = `aad-self-${field}`;
    for (const [locale, text] of [['ja-JP', ja], ['en-US', en]] as const) {
      const who = { serviceUrl: cloud.connectorUrl, user: `${user}-${locale}`, locale, name: 'Self' };
      const res = await app.post(executeActivity(who, VERBS.startSubmit, { ...goodStart, [field]: 'false' }));
      const summary = cardText(invokeCard(res));
      expect(summary).toContain(ref);
      expect(summary).toContain(text);
      expect(findElements(invokeCard(res), (e) => e.verb === VERBS.privatePcRequestOpen)).toHaveLength(0);
      const v = await app.db.query<{ kind: string; rule_ref: string }>('select kind, rule_ref from violations where user_id = $1', [who.user]);
      expect(v.rows).toEqual([{ kind, rule_ref: ref }]);
      await app.post(messageActivity(who, 'my week'));
      const week = await cloud.state.waitForActivity((d) => d.conversationId === `a:conv-${who.user}` && cardText(d.activity).includes('09:05'));
      const cells = findElements(week.activity, (e) => e.type === 'TextBlock' && e.color === 'Attention');
      expect(cells.map((c) => c.text)).toContain('1');
    }
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

describe('private PC: an approved request replaces the directory flag', () => {
  it('asks the approvals port, and only for a private PC', async () => {
    const app = await startTestApp({}, { clock });
    try {
      const asked: string[] = [];
      const approvedIds = new Set(['pc-approved']);
      const checkins = createCheckinService({
        db: app.db, clock, outbox: app.outbox, companyHolidays: [], audit: createAuditLog({ clock }),
        privatePcApproved: async (userId, at) => {
          asked.push(`${userId}@${at.toISOString()}`);
          return approvedIds.has(userId);
        },
      });
      const user = (id: string, privatePcApproved: boolean): User => ({
        id, tenantId: 'tenant-1', name: id, locale: 'en', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved, active: true,
      });
      const answers = startAnswersSchema.parse({ ...goodStart, device: 'private_pc' });
      const kinds = async (id: string) => (await app.db.query<{ kind: string }>('select kind from violations where user_id = $1', [id])).rows.map((r) => r.kind);

      const ok = await checkins.submitStart(user('pc-approved', false), DATE, answers);
      expect(await kinds('pc-approved')).toEqual([]);
      expect(findElements(ok, (e) => e.verb === VERBS.privatePcRequestOpen)).toHaveLength(0);

      // The directory flag no longer counts once the port is there.
      const refused = await checkins.submitStart(user('pc-flag-only', true), DATE, answers);
      expect(await kinds('pc-flag-only')).toEqual(['private_pc_unapproved']);
      expect(findElements(refused, (e) => e.verb === VERBS.privatePcRequestOpen)).toHaveLength(1);

      await checkins.submitStart(user('pc-company', false), DATE, startAnswersSchema.parse(goodStart));
      expect(asked).toEqual([`pc-approved@${clock.now().toISOString()}`, `pc-flag-only@${clock.now().toISOString()}`]);
    } finally {
      await app.stop();
    }
  });
});
