// The console's compliance overview (issue 21 item 6) through the real app on both stores, on a fake
// clock: who sees what (admin: tenant, manager: direct reports, security team: incidents, employee:
// 403), the day's check-ins, violations over 30 days, reminders, the watch list, approvals,
// incidents — and the same figures as the manager digest of that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingCount } from '../../src/delivery/status';
import { cardText, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds } from '../support/db';
import { checkin, EARLY_WEEKDAYS, longDays, member, repeat, TENANT } from '../support/digests-world';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TODAY = '2026-11-26'; // a Thursday
const people: Person[] = [
  { id: 'admin-1', name: 'Admin One', department: 'HR', isAdmin: true },
  { id: 'sec-1', name: 'Security One', department: 'IT' },
  { id: 'mgr-a', name: '課長 A', department: 'Ops' },
  { id: 'mgr-b', name: 'Manager B', department: 'Sales' },
  ...['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => ({ id, name: `社員 ${id.toUpperCase()}`, department: 'Ops', managerId: 'mgr-a', email: `${id}@contoso.example` })),
  { id: 'b1', name: 'Bob One', department: 'Sales', managerId: 'mgr-b' },
  { id: 'b2', name: 'Bea Two', department: 'Sales', managerId: 'mgr-b' },
];

interface Today { date: string; total: number; counts: Record<string, number>; missing: { userId: string; name: string; upn: string | null }[] }
interface Overview {
  scope: string;
  date: string;
  from: string;
  today: Today | null;
  violations: { rules: { kind: string; label: string; total: number }[]; days: { date: string; counts: Record<string, number> }[] } | null;
  reminders: { kind: string; sent: number; acknowledged: number; resolved: number }[] | null;
  watchList: { people: { userId: string; flags: string[]; texts: string[]; overtimeMinutes: number }[] } | null;
  approvals: { requesterId: string; title: string }[] | null;
  incidents: { id: string; userId: string; preliminaryDue: string | null; finalDue: string | null; what: string }[] | null;
}

describe.each(storeKinds())('console compliance overview (%s)', (kind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const clock = new FakeClock(`${TODAY}T15:00:00+09:00`);
  /** The overview and its watch list (asked for separately, as the page does). */
  const overview = async (as: string) => {
    const res = await fetch(`${app.url}/api/console/compliance`, { headers: { 'x-anshin-local-user': as } });
    const watch = await fetch(`${app.url}/api/console/compliance/watch`, { headers: { 'x-anshin-local-user': as } });
    expect(watch.status).toBe(res.status);
    const body = (await res.json()) as Overview;
    return { status: res.status, body: res.ok ? { ...body, ...((await watch.json()) as Pick<Overview, 'watchList'>) } : body };
  };

  beforeAll(async () => {
    store = await openTestStore(kind);
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: 'sec-1' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    await seedPeople(app.db, cloud.state, { tenantId: 'tenant-other', connectorUrl: cloud.connectorUrl, people: [{ id: 'x1', name: 'Other', department: 'Ops', managerId: 'mgr-a' }] });
    const db = app.db;
    // Today: a1 started, a2 ended, a3 day off, a4 at the office, a5 nothing (missing); b1 started, b2 missing.
    await checkin(db, 'a1', TODAY, { status: 'started' });
    await checkin(db, 'a2', TODAY);
    await checkin(db, 'a3', TODAY, { status: 'day_off' });
    await checkin(db, 'a4', TODAY, { status: 'office' });
    await checkin(db, 'b1', TODAY, { status: 'started' });
    // At 15:00: b2 starts at 15:01 (not yet due), mgr-b at 15:00 (due: missing).
    await db.query(`update users set schedule = '{"startTime":"15:01"}' where id = 'b2'`);
    await db.query(`update users set schedule = '{"startTime":"15:00"}' where id = 'mgr-b'`);
    // 時間外 on the law's basis over 45 h this month for a1 (the digests test's 45:01 days), 45:00 for b1.
    await longDays(db, 'a1', EARLY_WEEKDAYS, [...repeat('21:45', 11), '21:46']);
    await longDays(db, 'b1', EARLY_WEEKDAYS, repeat('21:30', 12));
    // Violations: the window is the 30 days up to today (10-28 in, 10-27 out).
    const violation = (user: string, date: string, v: string) =>
      db.query(`insert into violations (user_id, work_date, kind, tenant_id, rule_ref) values ($1, $2, $3, $4, 'G 3')`, [user, date, v, TENANT]);
    await violation('a1', '2026-10-27', 'public_wifi');
    await violation('a1', '2026-10-28', 'public_wifi');
    await violation('a2', TODAY, 'public_wifi');
    await violation('a2', TODAY, 'screen_visible');
    await violation('b1', TODAY, 'vpn_not_disconnected');
    // Reminders: answered, still open, closed by the gateway, and one never sent (not counted).
    const reminder = (id: string, user: string, k: string, status: string) =>
      db.query(
        `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at, status, sent_at)
         values ($1, $2, $3, $4, $5, 'scheduled', 1, '2026-11-26T03:00:00Z', $6, case when $6 = 'due' then null else '2026-11-26T03:00:00Z'::timestamptz end)`,
        [id, user, TENANT, TODAY, k, status],
      );
    await reminder('r1', 'a1', 'screen_lock', 'answered');
    await reminder('r2', 'a2', 'screen_lock', 'sent');
    await reminder('r3', 'a1', 'vpn', 'resolved');
    await reminder('r4', 'b1', 'vpn', 'answered');
    await reminder('r5', 'b2', 'screen_lock', 'due');
    // Approvals: pending by a3 and b1, an expired one by a4 (not listed).
    const request = (id: string, user: string, expires: string | null) =>
      db.query(
        `insert into approval_requests (id, idempotency_key, kind, tenant_id, requester_id, approver_ids, requester_may_approve, required_approvals, state, expires_at, created_at)
         values ($1, $1, 'private_pc', $2, $3, '["mgr-a"]', false, 1, 'pending', $4, '2026-11-25T00:00:00Z')`,
        [id, TENANT, user, expires],
      );
    await request('ap-1', 'a3', null);
    await request('ap-2', 'b1', '2026-12-01T00:00:00Z');
    await request('ap-3', 'a4', '2026-11-26T00:00:00Z');
    // An open incident of a4 with its APPI deadlines; a closed one with the final report filed (not
    // listed); a closed one with only the preliminary filed (listed: the final report is still owed).
    const incident = (id: string, state: string, filed: string | null = null) =>
      db.query(
        `insert into device_incidents (id, tenant_id, user_id, source, source_key, kind, device_type, encrypted, screen_locked, personal_data, state, discovered_at, appi_preliminary_due, appi_final_due, reports_filed, created_at)
         values ($1, $2, 'a4', 'report', $1, 'lost', 'company_pc', 'no', 'unknown', 'yes', $3, '2026-11-25T01:00:00Z', '2026-11-28T01:00:00Z', '2026-12-25T01:00:00Z', $4, '2026-11-25T01:00:00Z')`,
        [id, TENANT, state, filed],
      );
    await incident('inc-1', 'open');
    await incident('inc-2', 'closed', 'preliminary,final');
    await incident('inc-3', 'closed', 'preliminary');
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('an admin sees the whole tenant: the day, 30 days of violations, reminders, the watch list, approvals, incidents', async () => {
    const { status, body } = await overview('admin-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scope: 'tenant', date: TODAY, from: '2026-10-28' });
    expect(body.today).toMatchObject({ total: 11, counts: { started: 2, ended: 1, office: 1, not_working: 1, not_yet: 1, missing: 5 } });
    expect(body.today?.missing.map((p) => p.userId).sort()).toEqual(['a5', 'admin-1', 'mgr-a', 'mgr-b', 'sec-1']);
    expect(body.today?.missing.find((p) => p.userId === 'a5')?.upn).toBe('a5@contoso.example');
    expect(body.violations?.rules).toEqual([
      { kind: 'public_wifi', label: '公衆Wi-Fi', total: 2 },
      { kind: 'screen_visible', label: '画面ののぞき見', total: 1 },
      { kind: 'vpn_not_disconnected', label: 'VPN未切断', total: 1 },
    ]);
    expect(body.violations?.days).toEqual([
      { date: '2026-10-28', counts: { public_wifi: 1 } },
      { date: TODAY, counts: { public_wifi: 1, screen_visible: 1, vpn_not_disconnected: 1 } },
    ]);
    expect(body.reminders).toEqual([
      { kind: 'screen_lock', sent: 2, acknowledged: 1, resolved: 0 },
      { kind: 'vpn', sent: 2, acknowledged: 1, resolved: 1 },
    ]);
    expect(body.watchList?.people.map((p) => p.userId)).toEqual(['a1', 'b1']);
    expect(body.watchList?.people[0]?.flags).toContain('overtime_warning');
    expect(body.approvals?.map((a) => a.requesterId)).toEqual(['a3', 'b1']);
    expect(body.approvals?.[0]?.title).not.toMatch(/private_pc/);
    expect(body.incidents).toEqual([
      expect.objectContaining({ id: 'inc-1', userId: 'a4', preliminaryDue: '2026-11-28T01:00:00.000Z', finalDue: '2026-12-25T01:00:00.000Z' }),
      expect.objectContaining({ id: 'inc-3', userId: 'a4', preliminaryDue: null, finalDue: '2026-12-25T01:00:00.000Z' }),
    ]);
  });

  it('a manager sees only their direct reports, and no incidents unless on the security team', async () => {
    const { status, body } = await overview('mgr-a');
    expect(status).toBe(200);
    expect(body.scope).toBe('reports');
    expect(body.today).toMatchObject({ total: 5, counts: { started: 1, ended: 1, office: 1, not_working: 1, not_yet: 0, missing: 1 } });
    expect(body.today?.missing.map((p) => p.userId)).toEqual(['a5']);
    expect(body.violations?.rules.map((r) => [r.kind, r.total])).toEqual([['public_wifi', 2], ['screen_visible', 1]]);
    expect(body.reminders).toEqual([
      { kind: 'screen_lock', sent: 2, acknowledged: 1, resolved: 0 },
      { kind: 'vpn', sent: 1, acknowledged: 0, resolved: 1 },
    ]);
    expect(body.watchList?.people.map((p) => p.userId)).toEqual(['a1']);
    expect(body.approvals?.map((a) => a.requesterId)).toEqual(['a3']);
    expect(body.incidents).toBeNull();
  });

  it('the security team sees the open incidents only; an employee gets 403; no identity 401', async () => {
    const sec = await overview('sec-1');
    expect(sec.status).toBe(200);
    expect(sec.body).toMatchObject({ scope: 'none', today: null, violations: null, watchList: null, approvals: null });
    expect(sec.body.incidents?.map((i) => i.id)).toEqual(['inc-1', 'inc-3']);
    expect(sec.body.incidents?.[0]?.what).toBe('紛失・会社の PC');
    expect((await overview('a2')).status).toBe(403);
    expect((await fetch(`${app.url}/api/console/compliance`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/console/compliance/watch`)).status).toBe(401);
  });

  it('the figures equal the manager digest of the same day', async () => {
    const { body } = await overview('mgr-a');
    // Tomorrow's digest reports on today (the previous workday).
    await app.digests.runDue('mgr-a', '2026-11-27');
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
    const card = cloud.state.cardsFor('mgr-a').map((d) => d.activity.attachments?.[0]?.content).find((c) => cardText(c).includes('👥 メンバーの状況'));
    const today = body.today as Today;
    const checked = (today.counts.started ?? 0) + (today.counts.ended ?? 0) + (today.counts.office ?? 0) + 1; // a3's day off is a report too
    expect(cardText(card)).toContain(`${today.total} 名中 ${checked} 名が報告 · 報告なし ${today.counts.missing} 名`);
    const a1 = body.watchList?.people.find((p) => p.userId === 'a1');
    expect(a1?.texts.length).toBeGreaterThan(0);
    for (const text of a1?.texts ?? []) expect(member(card, '社員 A1').flags).toContain(text);
    expect(member(card, '社員 A2').flags).not.toContain('時間外');
  });
});
