import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople, type Person } from '../support/people';

/**
 * Two tenants on one bot. Tenant B's admin and manager must not act on, or read from, tenant A's
 * round — also when A's directory names B's manager by mistake.
 */
const A = 'tenant-a';
const B = 'tenant-b';
const tenantA: Person[] = [
  { id: 'admin-a', name: 'Admin Alpha', department: 'HR', isAdmin: true },
  { id: 'mgr-a', name: 'Manager Alpha', department: 'Ops' },
  { id: 'a1', name: 'Aiko Alpha', department: 'Ops', managerId: 'mgr-a' },
  { id: 'a2', name: 'Akira Alpha', department: 'Ops', managerId: 'mgr-a' },
  // A directory mistake: A's employee reports to B's manager.
  { id: 'ax', name: 'Ayumi Alpha', department: 'Ops', managerId: 'mgr-b' },
];
const tenantB: Person[] = [
  { id: 'admin-b', name: 'Admin Beta', department: 'HR', isAdmin: true },
  { id: 'mgr-b', name: 'Manager Beta', department: 'Ops' },
  { id: 'b1', name: 'Bunta Beta', department: 'Ops', managerId: 'mgr-b' },
];
const A_NAMES = tenantA.map((p) => p.name);

describe('cross-tenant admin and manager actions are refused', () => {
  const clock = new FakeClock('2026-11-24T01:00:00Z');
  let cloud: FakeCloud;
  let app: TestApp;
  let roundId = '';
  const as = (user: string, tenant: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant });
  const invoke = async (user: string, tenant: string, verb: string, data: Record<string, unknown>) => {
    const res = await app.post(executeActivity(as(user, tenant), verb, data));
    return { status: res.status, text: cardText((res.body as { value?: unknown } | undefined)?.value ?? res.body) };
  };
  const answers = async () => (await app.db.query('select * from round_answers where round_id = $1', [roundId])).rows.length;
  const recipient = async (id: string) =>
    (await app.db.query<{ status: string; reached_result: string | null }>('select status, reached_result from round_recipients where round_id = $1 and user_id = $2', [roundId, id])).rows[0];
  const deliveriesTo = async (id: string) => (await app.db.query('select 1 from deliveries where recipient_id = $1', [id])).rows.length;

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: A, connectorUrl: cloud.connectorUrl, people: tenantA });
    await seedPeople(app.db, cloud.state, { tenantId: B, connectorUrl: cloud.connectorUrl, people: tenantB });
    const started = await invoke('admin-a', A, VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true' });
    expect(started.status).toBe(200);
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    expect(roundId).toMatch(/^[0-9a-f-]{36}$/);
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it("B's admin cannot record a phone result on A's round", async () => {
    const res = await invoke('admin-b', B, VERBS.safetyPhone, { roundId, userId: 'a1', result: 'safe' });
    expect(res.text).toMatch(/見つからない|not found/);
    for (const name of A_NAMES) expect(res.text).not.toContain(name);
    expect(await answers()).toBe(0);
    expect(await recipient('a1')).toEqual({ status: 'pending', reached_result: null });
  });

  it("B's manager, named as A's employee's manager by mistake, cannot record a phone result on A's round", async () => {
    const res = await invoke('mgr-b', B, VERBS.safetyPhone, { roundId, userId: 'ax', result: 'injured' });
    for (const name of A_NAMES) expect(res.text).not.toContain(name);
    expect(await answers()).toBe(0);
    expect(await recipient('ax')).toEqual({ status: 'pending', reached_result: null });
  });

  it("B's admin cannot refresh A's tally", async () => {
    const res = await invoke('admin-b', B, VERBS.roundRefresh, { roundId });
    for (const name of A_NAMES) expect(res.text).not.toContain(name);
    expect(res.text).not.toContain(VERBS.roundClose);
  });

  it("B's admin cannot close A's round", async () => {
    await invoke('admin-b', B, VERBS.roundClose, { roundId });
    await invoke('admin-b', B, VERBS.roundCloseConfirmed, { roundId });
    expect((await app.db.query('select status, closed_by from safety_rounds where id = $1', [roundId])).rows).toEqual([{ status: 'open', closed_by: null }]);
  });

  it("B's admin's preview with A's people ids shows none of A's names and counts only B's people", async () => {
    const res = await invoke('admin-b', B, VERBS.roundPreview, { kind: 'earthquake', scope: 'people', people: 'b1,a1,a2,admin-a', drill: 'true' });
    expect(res.text).toContain('Bunta Beta');
    for (const name of A_NAMES) expect(res.text).not.toContain(name);
    expect((await app.db.query('select 1 from safety_rounds')).rows).toHaveLength(1);
  });

  it("B's admin's preview with only A's people ids is an empty scope", async () => {
    const res = await invoke('admin-b', B, VERBS.roundPreview, { kind: 'earthquake', scope: 'people', people: 'a1,a2', drill: 'true' });
    for (const name of A_NAMES) expect(res.text).not.toContain(name);
  });

  it("A's admin acting from tenant B's conversation is refused (the stored tenant must match the activity's)", async () => {
    const res = await app.post(executeActivity(as('admin-a', B), VERBS.roundRefresh, { roundId }));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('Admin Alpha');
  });

  it("an urgent answer in A does not alert B's manager", async () => {
    const res = await invoke('ax', A, VERBS.safetyAnswer, {
      roundId, ownStatus: 'needs_help', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'no', location: 'home',
    });
    expect(res.status).toBe(200);
    expect(await deliveriesTo('mgr-b')).toBe(0);
    expect((await app.db.query("select 1 from deliveries where recipient_id = 'admin-a' and purpose = 'safety-alert'")).rows).toHaveLength(1);
  });

  it("the manager escalation in A does not reach B's manager", async () => {
    clock.advance(61 * 60_000);
    await app.rounds.tick();
    expect((await app.db.query("select 1 from deliveries where recipient_id = 'mgr-a' and purpose = 'safety-escalation'")).rows).toHaveLength(1);
    expect(await deliveriesTo('mgr-b')).toBe(0);
  });

  it("A's CSV export names no manager from tenant B", async () => {
    const csv = (await app.exports.roundCsv(roundId)) ?? '';
    expect(csv).toContain('Ayumi Alpha');
    expect(csv).not.toContain('Manager Beta');
  });
});
