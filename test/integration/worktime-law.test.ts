// Acceptance of issue 17 through the app: a month of check-ins answered on the cards (fake clock),
// then the manager digest, the 80-hour notice, `my week` and the HR export must say what the law
// engine says on the same worked spans. Both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMinutes } from '../../src/cards/format';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { assessMonths, lawPolicy, type WorkedSpan } from '../../src/domain/worktime/law';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-law';
const DEPT = '開発部';
const START = { place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4' };
const END = { vpnDisconnected: 'true', loggedOff: 'true', pcStored: 'true', mood: '3', comment: '', break2Start: '', break2End: '' };

interface Shift { date: string; start: string; end: string; lunch: boolean }
const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
/**
 * November 2026: every weekday 09:00–21:30 with lunch (11-03 and 11-23 are national holidays, ordinary
 * days for the law), two Saturdays 09:00–15:00, a Saturday night shift 20:00–02:30 (the 21st's work),
 * and Sunday the 15th (the 法定休日) 10:00–14:00.
 */
const SHIFTS: Shift[] = [
  ...[2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27].map((d) => ({ date: day(d), start: '09:00', end: '21:30', lunch: true })),
  { date: day(7), start: '09:00', end: '15:00', lunch: false },
  { date: day(14), start: '09:00', end: '15:00', lunch: false },
  { date: day(15), start: '10:00', end: '14:00', lunch: false },
  { date: day(21), start: '20:00', end: '02:30', lunch: false },
].sort((a, b) => (a.date < b.date ? -1 : 1));

/** The same shifts as the engine's spans, written independently of the app's conversion. */
function spanOf(s: Shift): WorkedSpan {
  const next = s.end < s.start ? day(Number(s.date.slice(8)) + 1) : s.date;
  return {
    start: `${s.date}T${s.start}:00+09:00`, end: `${next}T${s.end}:00+09:00`, breakMinutes: s.lunch ? 60 : 0,
    breaks: s.lunch ? [{ start: `${s.date}T12:00:00+09:00`, end: `${s.date}T13:00:00+09:00` }] : [],
  };
}

describe.each(storeKinds())('working time on the law basis through the app on %s', (kind: StoreKind) => {
  const clock = new FakeClock('2026-11-02T08:00:00+09:00');
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'ja-JP' });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const [november] = assessMonths(SHIFTS.map(spanOf), lawPolicy());
  const replyTo = async (user: string, text: string, marker: string) => {
    await app.post(messageActivity(who(user), text));
    return (await cloud.state.waitForActivity((d) => d.conversationId === `a:conv-${user}` && cardText(d.activity).includes(marker), 10_000)).activity;
  };

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', PLEDGE_REQUIRED: 'false', PUBLIC_BASE_URL: 'https://anshin.example.com' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'worker', name: '長時間 太郎', department: DEPT, managerId: 'boss' },
        { id: 'formula', name: '=1+1', department: DEPT, managerId: 'boss' },
        { id: 'boss', name: '上司 花子', department: DEPT },
        { id: 'hr', name: '人事 次郎', department: '人事部', isAdmin: true },
      ],
    });
    for (const s of SHIFTS) {
      clock.set(`${s.date}T${s.start}:00+09:00`);
      expect((await app.post(executeActivity(who('worker'), VERBS.startSubmit, { date: s.date, startTime: s.start, ...START }))).status).toBe(200);
      clock.set(`${s.end < s.start ? day(Number(s.date.slice(8)) + 1) : s.date}T${s.end}:00+09:00`);
      const lunch = s.lunch ? { break1Start: '12:00', break1End: '13:00' } : { break1Start: '', break1End: '' };
      expect((await app.post(executeActivity(who('worker'), VERBS.endSubmit, { date: s.date, endTime: s.end, ...lunch, ...END }))).status).toBe(200);
    }
    await settle();
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('the engine on these spans: 時間外 beyond 8 h a day and 40 h a week, Sunday 休日労働, the night shift on its start day', () => {
    // 20 × 3 h 30 m daily + the Saturdays beyond 40 h (6 h, 6 h, 6 h 30 m); Sunday only 休日労働.
    expect(november).toMatchObject({ month: '2026-11', workedMinutes: 20 * 690 + 360 + 360 + 240 + 390, overtimeMinutes: 20 * 210 + 360 + 360 + 390, legalHolidayMinutes: 240, lateNightMinutes: 270 });
    expect(november?.healthCheckMinutes).toBe(15150 - 10285);
    expect(november?.limits).toMatchObject({ monthly45: true, monthly100: false, interviewNotice: true, over45Months: 1 });
  });

  it('the 80-hour notice came with the end check-in that crossed the line (the 27th), with the engine figures', async () => {
    const notices = cloud.state.cardsFor('worker').filter((d) => cardText(d.activity).includes('66条の8'));
    expect(notices).toHaveLength(1);
    const text = cardText(notices[0]?.activity);
    for (const minutes of [november?.workedMinutes, november?.healthCheckMinutes, november?.overtimeMinutes, november?.legalHolidayMinutes]) expect(text).toContain(formatMinutes(minutes ?? -1, 'ja'));
    const row = await app.db.query(`select month, worked_minutes, overtime_minutes, holiday_minutes, health_check_minutes from overtime_notices where user_id = 'worker'`);
    expect(row.rows).toEqual([{ month: '2026-11', worked_minutes: november?.workedMinutes, overtime_minutes: november?.overtimeMinutes, holiday_minutes: november?.legalHolidayMinutes, health_check_minutes: november?.healthCheckMinutes }]);
  });

  it("the manager's digest says the same", async () => {
    clock.set('2026-11-30T09:30:00+09:00');
    expect((await app.digests.runDue('boss', '2026-11-30')).wellbeing).toBe(true);
    await settle();
    const digest = cloud.state.cardsFor('boss').map((d) => cardText(d.activity)).find((text) => text.includes('メンバーの状況')) ?? '';
    expect(digest).toContain(`今月の時間外労働 ${formatMinutes(november?.overtimeMinutes ?? -1, 'ja')}（45時間 超え）`);
    expect(digest).toContain(`週40時間を超えた労働 ${formatMinutes(november?.healthCheckMinutes ?? -1, 'ja')}（安衛法の算定・80時間 超え）`);
  });

  it('`my week` shows the week and the month as the engine counts them', async () => {
    clock.set('2026-11-27T22:00:00+09:00');
    const card = await replyTo('worker', 'my week', '法定の労働時間との比較');
    const week = (november?.days ?? []).filter((d) => d.date >= day(23) && d.date <= day(29));
    const facts = Object.fromEntries(findElements(card, (e) => e.type === 'FactSet').flatMap((e) => (e.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])));
    expect(facts['今週の時間外労働']).toBe(formatMinutes(week.reduce((n, d) => n + d.overtimeMinutes, 0), 'ja'));
    expect(facts['今週の法定休日の労働']).toBe(formatMinutes(0, 'ja'));
    expect(facts['今月の時間外労働（11/27（金）まで）']).toBe(formatMinutes(november?.overtimeMinutes ?? -1, 'ja'));
    expect(facts['今月の週40時間超（安衛法の算定）']).toBe(formatMinutes(november?.healthCheckMinutes ?? -1, 'ja'));
  });

  it('the HR export: admins get signed links per month and department; the CSV has every figure, guarded, with a BOM', async () => {
    clock.set('2026-12-01T10:00:00+09:00');
    expect(cardText(await replyTo('worker', '勤怠エクスポート', '管理者のみ'))).toContain('管理者だけ');
    const card = await replyTo('hr', '勤怠エクスポート', '勤怠エクスポート（人事向け）');
    const links = findElements(card, (e) => e.type === 'Action.OpenUrl').map((e) => new URL(String(e.url)));
    const link = links.find((u) => u.pathname === `/api/exports/worktime/${TENANT}/2026-11/${encodeURIComponent(DEPT)}.csv`);
    expect(link).toBeDefined();
    const res = await fetch(`${app.url}${link?.pathname}${link?.search}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(header).toBe('user_id,name,department,month,work_time_system,worked_minutes,overtime_minutes,legal_holiday_minutes,late_night_minutes,health_check_minutes,monthly45,monthly100,average80,yearly360,yearly720,over45_months,interview_notice,breaches');
    const n = november;
    const zero = '"0","0","0","0","0","false","false","false","false","false","0","false",""';
    expect(rows).toEqual([
      `"boss","上司 花子","${DEPT}","2026-11","fixed",${zero}`,
      `"formula","'=1+1","${DEPT}","2026-11","fixed","0","0","0","0","0","false","false","false","false","false","0","false",""`,
      `"worker","長時間 太郎","${DEPT}","2026-11","fixed","${n?.workedMinutes}","${n?.overtimeMinutes}","${n?.legalHolidayMinutes}","${n?.lateNightMinutes}","${n?.healthCheckMinutes}","true","false","false","false","false","1","true",""`,
    ]);
    // The signature covers the department: another one with the same signature is refused.
    expect((await fetch(`${app.url}/api/exports/worktime/${TENANT}/2026-11/_all.csv${link?.search}`)).status).toBe(403);
  });
});
