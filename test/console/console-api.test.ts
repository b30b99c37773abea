// The console API through the real app (HTTP server, bot, delivery, local connector) on both stores:
// sign-in (local picker header), roles, the live view through queued → sent → read → answered, the
// read receipt event through /api/messages, Server-Sent Events within 2 s, re-send now and close.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, startTestApp, teamsActivity, type TestApp } from '../support/app';
import { openTestStore, storeKinds } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';
import { usersRepo } from '../../src/store/users';

const TENANT = 'tenant-console';
const people: Person[] = [
  { id: 'admin-1', name: 'Admin One', department: 'HR', isAdmin: true },
  { id: 'mgr-1', name: 'Manager One', department: 'Sales' },
  { id: 'mgr-2', name: 'Manager Two', department: 'Ops' },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `s-${i + 1}`, name: `Sales ${i + 1}`, department: 'Sales', managerId: 'mgr-1', officePrefecture: '13' })),
  ...Array.from({ length: 4 }, (_, i) => ({ id: `o-${i + 1}`, name: `Ops ${i + 1}`, department: 'Ops', managerId: 'mgr-2', officePrefecture: '27' })),
];
const answer = (roundId: string, ownStatus = 'safe') => ({
  roundId, ownStatus, familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '',
});

interface Counts { total: number; delivery: Record<string, number>; outcome: Record<string, number> }
interface Live { scope: string; totals: Counts; departments: (Counts & { key: string })[]; prefectures: (Counts & { key: string })[]; round: { status: string } }

describe.each(storeKinds())('console API (%s)', (kind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let roundId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const api = async (path: string, as?: string, init: RequestInit = {}) => {
    const headers: Record<string, string> = { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(as ? { 'x-anshin-local-user': as } : {}) };
    const res = await fetch(`${app.url}${path}`, { ...init, headers });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
  };
  const live = async (as = 'admin-1') => (await api(`/api/console/rounds/${roundId}`, as)).body as Live;
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 30_000, 50);

  beforeAll(async () => {
    store = await openTestStore(kind);
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '500' }, { db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    await seedPeople(app.db, cloud.state, { tenantId: 'tenant-other', connectorUrl: cloud.connectorUrl, people: [{ id: 'admin-x', name: 'Other Admin', department: 'HR', isAdmin: true }] });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('answers 401 without an identity and for a person the directory does not know', async () => {
    for (const path of ['/api/console/me', '/api/console/rounds']) {
      expect((await api(path)).status).toBe(401);
      expect((await api(path, 'nobody')).status).toBe(401);
    }
  });

  it('tells each person their roles; the picker lists the local directory', async () => {
    expect(((await api('/api/console/me', 'admin-1')).body as { roles: unknown }).roles).toEqual({ admin: true, manager: false, security: false });
    expect(((await api('/api/console/me', 'mgr-1')).body as { roles: unknown }).roles).toEqual({ admin: false, manager: true, security: false });
    expect(((await api('/api/console/me', 's-1')).body as { roles: unknown }).roles).toEqual({ admin: false, manager: false, security: false });
    const picker = (await api('/api/console/people')).body as { id: string }[];
    expect(picker.map((p) => p.id)).toContain('mgr-2');
  });

  it('a plain employee is not allowed (403); a manager may not re-send or close', async () => {
    expect((await api('/api/console/rounds', 's-1')).status).toBe(403);
    const by = await usersRepo.get(app.db, 'admin-1');
    await app.rounds.start({ tenantId: TENANT, by, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    await app.rounds.tick();
    await settle();
    expect((await api(`/api/console/rounds/${roundId}/resend`, 'mgr-1', { method: 'POST', body: JSON.stringify({ requestId: randomUUID() }) })).status).toBe(403);
    expect((await api(`/api/console/rounds/${roundId}/close`, 'mgr-1', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await api(`/api/console/rounds/${roundId}`, 's-1')).status).toBe(403);
    // Another tenant's admin: the round does not exist for them.
    expect((await api(`/api/console/rounds/${roundId}`, 'admin-x')).status).toBe(404);
  });

  it('admins see every recipient by department and prefecture; a manager only their reports', async () => {
    const all = await live();
    expect(all.scope).toBe('tenant');
    expect(all.totals.total).toBe(people.length);
    expect(all.totals.delivery.sent).toBe(people.length);
    expect(all.departments.find((d) => d.key === 'Sales')?.total).toBe(7);
    expect(all.prefectures.find((p) => p.key === '13')?.total).toBe(6);
    const mine = await live('mgr-1');
    expect(mine.scope).toBe('reports');
    expect(mine.totals.total).toBe(6);
    expect(mine.departments.map((d) => d.key)).toEqual(['Sales']);
    const listed = (await api('/api/console/rounds', 'mgr-2')).body as { id: string; total: number }[];
    expect(listed).toEqual([expect.objectContaining({ id: roundId, total: 4 })]);
  });

  it('a read receipt through /api/messages moves that person to "read"; others stay "sent"', async () => {
    const read = await app.post(teamsActivity(who('s-1'), { type: 'event', name: 'application/vnd.microsoft.readReceipt', value: { lastReadMessageId: String(Date.now()) } }));
    expect(read.status).toBe(200);
    const stored = await app.db.query<{ recipient_id: string }>("select recipient_id from deliveries where read_at is not null and batch_id = $1", [`round:${roundId}`]);
    expect(stored.rows.map((r) => r.recipient_id)).toEqual(['s-1']);
    // A receipt older than the card marks nothing.
    await app.post(teamsActivity(who('s-2'), { type: 'event', name: 'application/vnd.microsoft.readReceipt', value: { lastReadMessageId: String(Date.now() - 3_600_000) } }));
    const view = await live();
    expect(view.totals.delivery).toMatchObject({ read: 1, sent: people.length - 1, answered: 0 });
  });

  it('streams a new view within 2 s of an answer (Server-Sent Events fed by LISTEN/NOTIFY)', async () => {
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/console/rounds/${roundId}/events`, { headers: { 'x-anshin-local-user': 'admin-1' }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const views: Live[] = [];
    let buffer = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
          buffer = buffer.slice(i + 2);
          if (data) views.push(JSON.parse(data.slice(6)) as Live);
        }
      }
    })().catch(() => undefined);
    await waitUntil(async () => views.length >= 1, 5000, 20);
    const t0 = Date.now();
    await app.post(executeActivity(who('s-3'), VERBS.safetyAnswer, answer(roundId, 'needs_help')));
    await waitUntil(async () => views.some((v) => v.totals.outcome.needs_help === 1), 2000, 20);
    expect(Date.now() - t0).toBeLessThan(2000);
    controller.abort();
    await reading;
  });

  it('lists who needs attention, riskiest first, and re-sends to one department once per click (audited)', async () => {
    const attention = (await api(`/api/console/rounds/${roundId}/attention`, 'admin-1')).body as { userId: string; delivery: string; outcome: string }[];
    expect(attention[0]).toMatchObject({ userId: 's-3', outcome: 'needs_help' });
    expect(attention.at(-1)).toMatchObject({ userId: 's-1', delivery: 'read' });
    const requestId = randomUUID();
    const first = await api(`/api/console/rounds/${roundId}/resend`, 'admin-1', { method: 'POST', body: JSON.stringify({ department: 'Ops', requestId }) });
    const again = await api(`/api/console/rounds/${roundId}/resend`, 'admin-1', { method: 'POST', body: JSON.stringify({ department: 'Ops', requestId }) });
    // Ops: the four reports and their manager, none of whom answered.
    expect(first.body).toEqual({ queued: 5 });
    expect(again.body).toEqual({ queued: 0 });
    const audit = await app.db.query<{ data: { queued: number } }>("select data from audit_log where kind = 'round.resent'");
    expect(audit.rows.map((r) => r.data.queued)).toEqual([5, 0]);
    await settle();
    const resent = await app.db.query<{ recipient_id: string }>("select recipient_id from deliveries where purpose = 'safety-resend' order by 1");
    expect(resent.rows.map((r) => r.recipient_id)).toEqual(['mgr-2', 'o-1', 'o-2', 'o-3', 'o-4']);
  });

  it('the tab, the chat tally and the CSV count the same people', async () => {
    const view = await live();
    const csv = (await api(`/api/console/rounds/${roundId}/csv`, 'admin-1')).body as string;
    const csvRows = csv.trim().split('\r\n').slice(1);
    expect(csvRows).toHaveLength(view.totals.total);
    expect(csvRows.filter((l) => l.includes('needs_help')).length).toBe(view.totals.outcome.needs_help);
    expect(view.totals.outcome.pending).toBe(people.length - 1);
    expect((await api(`/api/console/rounds/${roundId}/csv`, 'mgr-1')).status).toBe(403);
  });

  it('an admin closes the round from the console', async () => {
    const closed = await api(`/api/console/rounds/${roundId}/close`, 'admin-1', { method: 'POST', body: '{}' });
    expect(closed.status).toBe(200);
    expect((closed.body as Live).round.status).toBe('closed');
    // A drill: the admins get its summary in chat, in their language.
    await settle();
    const summary = cloud.state.delivered.filter((d) => d.userId === 'admin-1' && cardText(d.activity).includes('訓練の結果'));
    expect(summary).toHaveLength(1);
    expect(cardText(summary[0]?.activity)).toContain('7.7%（1/13 人）');
    expect(cardText(summary[0]?.activity)).toContain('Sales（14.3%）');
  });

  it('reports the round: answered share, milestones, department ranking, never answered, the previous drill', async () => {
    interface Figures { total: number; answered: number; minutesTo: Record<string, number | null>; medianMinutes?: number }
    const report = (await api(`/api/console/rounds/${roundId}/report`, 'admin-1')).body as Figures & { overall: Figures; departments: (Figures & { department: string; rank: number })[]; neverAnswered: { userId: string }[]; curve: { rate: number }[] };
    expect(report.overall).toMatchObject({ total: people.length, answered: 1 });
    expect(report.overall.minutesTo['25']).toBeUndefined();
    expect(report.departments[0]).toMatchObject({ department: 'Sales', rank: 1, total: 7, answered: 1 });
    expect(report.neverAnswered).toHaveLength(people.length - 1);
    expect(report.curve.at(-1)?.rate).toBeCloseTo(1 / people.length);
    const csv = (await api(`/api/console/rounds/${roundId}/report/csv`, 'admin-1')).body as string;
    expect(csv.split('\r\n')[0]).toContain('rank,department,total,answered,rate_percent');
    // A manager's report counts only their reports.
    const mine = (await api(`/api/console/rounds/${roundId}/report`, 'mgr-1')).body as { overall: Figures };
    expect(mine.overall).toMatchObject({ total: 6, answered: 1 });
    // The next drill of the same scope is compared with this one.
    const by = await usersRepo.get(app.db, 'admin-1');
    const { round } = await app.rounds.start({ tenantId: TENANT, by, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
    const next = (await api(`/api/console/rounds/${round.id}/report`, 'admin-1')).body as { previous?: { id: string; overall: Figures } };
    expect(next.previous).toMatchObject({ id: roundId, overall: { answered: 1 } });
  });
});
