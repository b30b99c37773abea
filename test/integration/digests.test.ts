// Manager digests and the 80-hour notice (issue 10) on a fake clock: seeded check-ins, cards received
// by the local connector. The feature is built on the running app's database, queue and outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, findElements } from '../support/app';
import { storeKinds, type StoreKind } from '../support/db';
import { checkin, EARLY_DAYS, SECURITY_BY_SETTING, EARLY_WEEKDAYS, H, longDays, member, person, repeat, TENANT, week, world } from '../support/digests-world';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

describe.each(storeKinds())('digests on %s', (kind: StoreKind) => {
  let w: Awaited<ReturnType<typeof world>>;
  let digests: ReturnType<Awaited<ReturnType<typeof world>>['feature']>;
  const WELLBEING_JA = '👥 メンバーの状況';
  const WELLBEING_EN = '👥 Your team';

  beforeAll(async () => {
    w = await world(kind);
    const a = Array.from({ length: 12 }, (_, i) => person(`a${i + 1}`, 'mgr-a', 'ja', `社員 A${i + 1}`));
    await seedPeople(w.app.db, w.cloud.state, {
      tenantId: TENANT, connectorUrl: w.cloud.connectorUrl,
      people: [
        person('mgr-a', undefined, 'ja', '課長 A'), person('mgr-b', undefined, 'en', 'Manager B'), person('sec-1', undefined, 'en', 'Security 1'), person(SECURITY_BY_SETTING, undefined, 'ja', 'セキュリティ 2'),
        ...a, person('b1', 'mgr-b', 'en', 'Bob One'), person('b2', 'mgr-b', 'en', 'Bea Two'), person('b2x', 'b2', 'en', 'Ben Indirect'),
      ],
    });
    await w.app.db.query(`update users set is_security = true where id = 'sec-1'`);
    const db = w.app.db;
    await week(db, 'a1', { '2026-11-20': { mood: 2 }, '2026-11-24': { mood: 1 }, '2026-11-25': { mood: 2 } }); // low mood ×3
    await week(db, 'a2', { '2026-11-24': { mood: 2 }, '2026-11-25': { mood: 2 } }); // low mood ×2
    await week(db, 'a3', { '2026-11-20': null, '2026-11-25': null }); // missing ×2
    await week(db, 'a4', { '2026-11-25': null }); // missing ×1
    // 時間外 on the law's basis: 12 days of 8 h + 3 h 45 m (one of them a minute longer for a5).
    await week(db, 'a5');
    await longDays(db, 'a5', EARLY_WEEKDAYS, [...repeat('21:45', 11), '21:46']); // 45:01
    await week(db, 'a6');
    await longDays(db, 'a6', EARLY_WEEKDAYS, repeat('21:45', 12)); // 45:00, at the line
    // The 安衛法 basis: all work (Sundays too) − floor(2400 × 30 / 7) = 10285 minutes; 4 × 480 in the week.
    await week(db, 'a7');
    await longDays(db, 'a7', EARLY_DAYS, [...repeat('22:11', 17), '22:19']); // 15086 worked: 80:01
    await week(db, 'a8');
    await longDays(db, 'a8', EARLY_DAYS, [...repeat('22:11', 17), '22:18']); // 15085 worked: 80:00, at the line
    await week(db, 'a9', { '2026-11-24': { end: '22:01' } }); // rest 10:59
    await week(db, 'a10', { '2026-11-24': { end: '22:00' } }); // rest 11:00
    await week(db, 'a11', { '2026-11-25': { end: '22:01', night: 1 } }); // late night 1 min
    await week(db, 'a12'); // gap from the gap source
    for (const id of ['b1', 'b2', 'b2x']) await week(db, id);
    await db.query(`insert into violations (user_id, work_date, kind, tenant_id, rule_ref) values ('a1', '2026-11-25', 'public_wifi', $1, 'G 1.2, 3')`, [TENANT]);
    await db.query(
      `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at, status, sent_at)
       values ('vpn:a1:2026-11-25:1', 'a1', $1, '2026-11-25', 'vpn', 'checkout_answer', 1, '2026-11-25T09:10:00Z', 'sent', '2026-11-25T09:10:00Z')`,
      [TENANT],
    );
    digests = w.feature();
  });
  afterAll(async () => w?.stop());

  it('each manager gets exactly their reports (direct only by default)', async () => {
    expect(await digests.runDue('mgr-a', '2026-11-26')).toMatchObject({ wellbeing: true, incident: true });
    expect(await digests.runDue('mgr-b', '2026-11-26')).toMatchObject({ wellbeing: true, incident: false });
    await w.settle();
    const [a] = w.cards('mgr-a', WELLBEING_JA);
    const [b] = w.cards('mgr-b', WELLBEING_EN);
    const names = (card: unknown) => findElements(card, (e) => e.type === 'TextBlock' && e.weight === 'Bolder' && String(e.text).includes(' · ')).map((e) => String(e.text).split(' · ')[0]);
    expect(names(a).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `社員 A${i + 1}`).sort());
    expect(names(b).sort()).toEqual(['Bea Two', 'Bob One']);
    expect(cardText(a)).toContain('11/25');
    expect(w.cards('b2', WELLBEING_EN)).toHaveLength(0);
  });

  it('every flag fires at its threshold and not one below', async () => {
    const [card] = w.cards('mgr-a', WELLBEING_JA);
    const f = (n: number) => member(card, `社員 A${n}`).flags;
    expect(f(1)).toContain('気分の低下が 3 回連続');
    expect(f(2)).not.toContain('気分の低下');
    expect(f(3)).toContain('報告なし 2 日');
    expect(member(card, '社員 A3').text).toContain('✗ 報告なし');
    expect(f(4)).not.toContain('報告なし');
    // Strictly above the lines (超え): 45:01 is over, 45:00 is not (but heading past it at this pace).
    expect(f(5)).toContain('今月の時間外労働 45時間1分（45時間 超え）');
    expect(f(6)).not.toContain('今月の時間外労働 45時間（');
    expect(f(6)).toContain('見込み：今月の時間外労働 54時間（このペースで 45時間 超え）');
    expect(f(7)).toContain('週40時間を超えた労働 80時間1分（安衛法の算定・80時間 超え）');
    expect(f(8)).not.toContain('週40時間を超えた労働 80時間（安衛法');
    expect(f(8)).toContain('見込み：週40時間を超えた労働');
    expect(f(9)).toContain('勤務間インターバル 10時間59分');
    expect(f(10)).toBe('');
    expect(f(11)).toContain('深夜労働 1分');
    // The reason as text in the manager's language (never the code), with the person's note.
    expect(f(12)).toContain('自己申告と記録の差 2時間15分（理由：申告した時間の外にも仕事をした（未申告）／本人のコメント：会議が延びた）');
    expect(f(12)).not.toContain('unrecorded_work');
    expect(f(1)).toContain('VPN 切断リマインダー未確認 1 件');
    expect(f(1)).toContain('違反：公衆Wi-Fi');
    expect(member(card, '社員 A1').text).toMatch(/▄▂·····▁▂|▂·+▁▂/u);
  });

  it('the 80-hour notice goes to the worker once a month, and the incident digest to the security team', async () => {
    const notices = () => w.cards('a7', '⏱');
    expect(notices()).toHaveLength(1);
    expect(cardText(notices()[0])).toContain('80時間');
    expect(cardText(notices()[0])).toContain('66条の8');
    expect(w.cards('a8', '⏱')).toHaveLength(0);
    // The next day (a7 still past 80 h) and the same day again: no second notice, no second digest.
    w.clock.set('2026-11-27T09:30:00+09:00');
    expect((await digests.runDue('mgr-a', '2026-11-27')).notices).toBe(0);
    expect(await digests.runDue('mgr-a', '2026-11-26')).toEqual({ wellbeing: false, incident: false, notices: 0 });
    expect((await w.app.db.query(`select count(*)::int as n from overtime_notices where user_id = 'a7'`)).rows).toEqual([{ n: 1 }]);
    expect(await digests.runDue('sec-1', '2026-11-26')).toMatchObject({ wellbeing: false, incident: true });
    await w.settle();
    expect(notices()).toHaveLength(1);
    expect(w.cards('mgr-a', WELLBEING_JA)).toHaveLength(2);
    const [incident] = w.cards('sec-1', '🛡');
    expect(cardText(incident)).toContain('public Wi-Fi');
    expect(cardText(incident)).toContain('VPN-disconnect reminders not acknowledged');
    expect(cardText(incident)).toContain('社員 A1');
    expect(w.cards('mgr-b', '🛡')).toHaveLength(0);
    // A member given only by SECURITY_TEAM_USER_IDS (no directory flag) is the security team too (issue 18 item 7).
    expect(await digests.runDue(SECURITY_BY_SETTING, '2026-11-26')).toMatchObject({ wellbeing: false, incident: true });
    await w.settle();
    const [bySetting] = w.cards(SECURITY_BY_SETTING, '🛡');
    expect(cardText(bySetting)).toContain('社員 A1');
  });

  it('indirect reports when configured', async () => {
    const indirect = w.feature({ includeIndirect: true });
    await indirect.runDue('mgr-b', '2026-11-27');
    await w.settle();
    const cards = w.cards('mgr-b', WELLBEING_EN);
    expect(cards).toHaveLength(2);
    expect(cardText(cards[1])).toContain('Ben Indirect');
  });

  it('plans one durable slot job per digest instant, once; the slot fans out to every recipient', async () => {
    w.clock.set('2026-11-26T20:00:00+09:00');
    expect((await digests.planOnce()).planned).toBe(1); // Fri 11-27 09:30 Tokyo, for every recipient
    expect((await digests.planOnce()).planned).toBe(0);
    const keys = (await w.app.db.query<{ key: string }>(`select key from job_plan where key like 'digest-slot:%' order by key`)).rows.map((r) => r.key);
    expect(keys).toEqual(['digest-slot:2026-11-27T00:30:00.000Z']);
    const jobs = await w.app.db.query(`select count(*)::int as n from pgboss.job where name = 'digests-slot'`);
    expect(jobs.rows).toEqual([{ n: 1 }]);
    // An instant that is nobody's digest time (a Saturday) fans out to nobody.
    expect(await digests.fanOutDue({ at: '2026-11-28T00:30:00.000Z', time: '09:30' })).toBe(0);
  });

  it('the planned slot sends the digest when it is due (the app runs it), once', async () => {
    w.clock.set('2026-11-30T09:29:59+09:00'); // Monday: the digest about Friday 11-27
    expect((await digests.planOnce()).planned).toBe(1); // 09:30 today for the five recipients (tomorrow's is past the horizon)
    await waitUntil(async () => w.cards('mgr-a', WELLBEING_JA).length === 3, 20_000, 100);
    await w.settle();
    expect(cardText(w.cards('mgr-a', WELLBEING_JA)[2])).toContain('11/27');
    const runs = await w.app.db.query(`select kind from digest_runs where recipient_id = 'mgr-a' and local_date = '2026-11-30' order by kind`);
    expect(runs.rows).toEqual([{ kind: 'incident' }, { kind: 'wellbeing' }]);
    // A retried slot job: mgr-a, mgr-b, b2 (manages b2x), sec-1 and sec-2 (by the setting) get their job again, and no second digest.
    expect(await digests.fanOutDue({ at: '2026-11-30T00:30:00.000Z', time: '09:30' })).toBe(5);
    const waiting = async () => (await w.app.db.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'digests-due' and state in ('created', 'retry', 'active')`)).rows[0]?.n;
    await waitUntil(async () => (await waiting()) === 0, 20_000, 100);
    await w.settle();
    expect(w.cards('mgr-a', WELLBEING_JA)).toHaveLength(3);
  });
});

describe('team size limits (pglite)', () => {
  let w: Awaited<ReturnType<typeof world>>;
  const TEAM_DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']; // Mon–Fri; report day Fri 11-20
  beforeAll(async () => {
    w = await world('pglite');
    const team = (mgr: string, n: number, locale: 'ja' | 'en', name: string) => Array.from({ length: n }, (_, i) => person(`${mgr}-r${i + 1}`, mgr, locale, `${name} ${i + 1}`));
    const typical = [...team('big-ja', 50, 'ja', '長谷川 美奈子'), ...team('big-en', 50, 'en', 'Alexandra Richardson'), ...team('huge', 51, 'en', 'Sam Lee')];
    const worst = team('worst', 50, 'ja', '長谷川'.repeat(8));
    const managers = ['big-ja', 'big-en', 'huge', 'worst'].map((id) => person(id, undefined, id === 'big-en' || id === 'huge' ? 'en' : 'ja'));
    await seedPeople(w.app.db, w.cloud.state, { tenantId: TENANT, connectorUrl: w.cloud.connectorUrl, people: [...managers, ...typical, ...worst] });
    // Typical: a full week and late-night work on the report day (a flag each).
    for (const p of typical) {
      for (const date of TEAM_DAYS) await checkin(w.app.db, p.id, date, date === '2026-11-20' ? { end: '22:30', night: 30, work: 8 * H + 46 * H } : {});
    }
    // Worst case: every flag on every member — missing 16 and 17, low mood 18–20, 80 h, short rest,
    // late night, two violations, an unacknowledged VPN reminder.
    for (const p of worst) {
      // Past 80 h on the 安衛法 basis: 11-01 … 11-15 until 23:20 (then 16 and 17 missing).
      await longDays(w.app.db, p.id, EARLY_DAYS.slice(0, 15), ['23:20']);
      await checkin(w.app.db, p.id, '2026-11-18', { mood: 1 });
      await checkin(w.app.db, p.id, '2026-11-19', { mood: 1, end: '23:30', night: 90 });
      await checkin(w.app.db, p.id, '2026-11-20', { mood: 1, start: '09:00', end: '23:59', night: 119 });
      for (const kind of ['public_wifi', 'private_pc_unapproved']) {
        await w.app.db.query(`insert into violations (user_id, work_date, kind, tenant_id, rule_ref) values ($1, '2026-11-20', $2, $3, 'G')`, [p.id, kind, TENANT]);
      }
      await w.app.db.query(
        `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at, status, sent_at)
         values ($1, $2, $3, '2026-11-20', 'vpn', 'checkout_answer', 1, now(), 'sent', now())`,
        [`vpn:${p.id}:1`, p.id, TENANT],
      );
    }
  });
  afterAll(async () => w?.stop());
  const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

  it('50 reports fit in one card under 80 KB (and one Teams message) in ja and en', async () => {
    const digests = w.feature();
    for (const mgr of ['big-ja', 'big-en']) expect((await digests.runDue(mgr, '2026-11-21')).wellbeing).toBe(true);
    await w.settle();
    for (const [mgr, title] of [['big-ja', '👥 メンバーの状況'], ['big-en', '👥 Your team']] as const) {
      const [card] = w.cards(mgr, title);
      expect(bytes(card)).toBeLessThan(80 * 1024);
      expect(bytes(card)).toBeLessThan(28 * 1024);
      expect(findElements(card, (e) => e.color === 'Attention')).toHaveLength(50);
      expect(findElements(card, (e) => e.type === 'Action.OpenUrl')).toHaveLength(0);
    }
  });

  it('a card that would not fit one Teams message lists fewer members and links the CSV', async () => {
    await w.feature().runDue('worst', '2026-11-21');
    await w.settle();
    const [card] = w.cards('worst', '👥 メンバーの状況');
    expect(bytes(card)).toBeLessThan(28 * 1024);
    const listed = findElements(card, (e) => e.color === 'Attention').length;
    expect(listed).toBeGreaterThan(10);
    expect(cardText(card)).toContain(`全 50 名のうち要確認の ${listed} 名を表示しています`);
    expect(findElements(card, (e) => e.type === 'Action.OpenUrl')).toHaveLength(1);
  });

  it('51 reports: the members to look at, a summary and a signed CSV link; the CSV has everyone', async () => {
    const digests = w.feature();
    await digests.runDue('huge', '2026-11-21');
    await w.settle();
    const [card] = w.cards('huge', '👥 Your team');
    expect(bytes(card)).toBeLessThan(28 * 1024);
    expect(cardText(card)).toContain('Showing 50 members to look at of 51');
    const [link] = findElements(card, (e) => e.type === 'Action.OpenUrl');
    expect(String(link?.url)).toContain('/api/exports/digests/huge/2026-11-21.csv');
    const csv = (await digests.csv('huge', '2026-11-21')) ?? '';
    expect(csv.trim().split('\r\n')).toHaveLength(52);
    expect(csv).toContain('"huge-r51"');
  });

  it("the app's own digest links a CSV its HTTP server serves with a valid signature only", async () => {
    await w.app.digests.runDue('huge', '2026-11-20');
    await w.settle();
    const [card] = w.cards('huge', '/api/exports/digests/huge/2026-11-20.csv');
    const [link] = findElements(card, (e) => e.type === 'Action.OpenUrl');
    const url = new URL(String(link?.url));
    expect(url.pathname).toBe('/api/exports/digests/huge/2026-11-20.csv');
    const ok = await fetch(`${w.app.url}${url.pathname}${url.search}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
    expect((await ok.text()).trim().split('\r\n')).toHaveLength(52);
    const forged = await fetch(`${w.app.url}/api/exports/digests/other/2026-11-20.csv${url.search}`);
    expect(forged.status).toBe(403);
    const noSig = await fetch(`${w.app.url}${url.pathname}`);
    expect(noSig.status).toBe(403);
  });
});
