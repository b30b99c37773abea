// Lost or stolen devices (issue 9 items 1, 2, 7) through the real app: the report over /api/messages,
// cards received by the local Bot Connector, Intune actions against the local Graph (each called once,
// four-eyes for wipe / retire, 429 / 5xx retried, 403 on the timeline), device.lost signals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type DeliveredRecord, type FakeCloud } from '../support/fake-cloud';
import { intuneOf, type FakeIntune } from '../support/fake-cloud/intune';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';
import { postSignal } from '../support/signals';

const TENANT = 'tenant-devices';
const SECRET = 'devices-test-secret-0123456789';
const LOST_USER = '6f1c2b3a-0000-4000-8000-00000000a001'; // a uuid: signals name people by aadObjectId
const PEOPLE: Person[] = [
  { id: 'emp-1', name: 'Taro Yamada', department: 'Ops', managerId: 'mgr-1' },
  { id: LOST_USER, name: 'Hanako Sato', department: 'Ops', managerId: 'mgr-1', locale: 'en' },
  { id: 'mgr-1', name: 'Manager One', department: 'Management' },
  { id: 'sec-1', name: 'Sec One', department: 'Security' },
  { id: 'sec-2', name: 'Sec Two', department: 'Security', locale: 'en' },
  { id: 'sec-3', name: 'Sec Three', department: 'Security' },
  { id: 'emp-4', name: 'Kenji Kato', department: 'Sales', managerId: 'mgr-4' },
  { id: 'mgr-4', name: 'Former Manager', department: 'Sales' }, // deactivated in the test: left the company
];
const REPORT = {
  kind: 'lost', deviceType: 'company_pc', serial: 'SN-PC-1', lostWhen: '今朝 8 時ごろ', lostWhere: '山手線の車内', lastUsed: '昨夜',
  encrypted: 'yes', screenLocked: 'yes', dataOnIt: '顧客リスト', personalData: 'unknown', policeReport: '',
};

describe.each(storeKinds())('lost devices on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let intune: FakeIntune;
  let app: TestApp;
  let closeStore: () => Promise<void>;
  let incidentId = '';

  // The Teams client's locale wins over the seeded one: each person's client speaks their language.
  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: PEOPLE.find((p) => p.id === user)?.locale === 'en' ? 'en-US' : 'ja-JP' });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const res = await app.post(executeActivity(who(user), verb, data, replyToId));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  const cards = (user: string, text: string): DeliveredRecord[] => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(text));
  const updates = (user: string): DeliveredRecord[] => cloud.state.delivered.filter((d) => d.kind === 'update' && d.userId === user);
  const timeline = async (id: string) =>
    (await app.db.query<{ kind: string; data: Record<string, unknown> }>('select kind, data from device_incident_events where incident_id = $1 order by seq', [id])).rows;
  const actionRows = async (action: string) =>
    (await app.db.query<{ id: string; status: string; error: string | null; attempts: number }>('select id, status, error, attempts from device_actions where action = $1', [action])).rows;
  const request = (user: string, action: string, targetId: string) => invoke(user, VERBS.deviceActionRequest, { incidentId, action, targetId });

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    intune = intuneOf(cloud.state);
    intune.addDevice({ id: 'dev-pc', userId: 'emp-1', deviceName: 'PC-YAMADA', serialNumber: 'SN-PC-1' });
    intune.addDevice({ id: 'dev-phone', userId: 'emp-1', deviceName: 'iPhone-YAMADA', serialNumber: 'SN-PH-9', operatingSystem: 'iOS' });
    const store = await openTestStore(kind);
    closeStore = store.close;
    app = await startTestApp(
      {
        GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: 'sec-1,sec-2,sec-3',
        SIGNALS_HMAC_SECRETS: `${TENANT}:${SECRET}`, INTUNE_ACTION_MAX_ATTEMPTS: '4',
      },
      { db: store.db },
    );
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: PEOPLE });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('`紛失` opens the report card; submitting alerts the manager and the security team at once (urgent lane)', async () => {
    expect((await app.post(messageActivity(who('emp-1'), '紛失'))).status).toBeLessThan(300);
    await waitUntil(async () => cards('emp-1', VERBS.deviceReportSubmit).length === 1, 10_000, 50);
    const form = cards('emp-1', VERBS.deviceReportSubmit)[0] as DeliveredRecord;
    const submitId = String((findElements(form.activity, (e) => e.verb === VERBS.deviceReportSubmit)[0]?.data as { submitId: string }).submitId);

    const answer = await invoke('emp-1', VERBS.deviceReportSubmit, { submitId, ...REPORT }, form.activityId);
    expect(answer).toContain('報告済み');
    expect(answer).not.toContain(VERBS.deviceReportSubmit);
    // The same card submitted again (double click) opens nothing new.
    await invoke('emp-1', VERBS.deviceReportSubmit, { submitId, ...REPORT }, form.activityId);
    const rows = (await app.db.query<{ id: string; appi_preliminary_due: Date | null }>('select id, appi_preliminary_due from device_incidents')).rows;
    expect(rows).toHaveLength(1);
    incidentId = rows[0]?.id ?? '';
    expect(rows[0]?.appi_preliminary_due).toBeNull(); // encrypted: no PPC report due

    await settle();
    expect(cards('mgr-1', 'Taro Yamada')).toHaveLength(1);
    for (const sec of ['sec-1', 'sec-2', 'sec-3']) {
      const card = cards(sec, VERBS.deviceActionRequest);
      expect(card, sec).toHaveLength(1);
      expect(cardText(card[0]?.activity)).toContain('PC-YAMADA');
    }
    const lanes = await app.db.query<{ lane: string }>(`select distinct lane from deliveries where purpose = 'incident-alert'`);
    expect(lanes.rows).toEqual([{ lane: 'urgent' }]);
    expect((await timeline(incidentId)).map((e) => e.kind)).toEqual(['reported', 'devices', 'alerted']);
    const matched = await app.db.query('select device_id from device_incident_devices where incident_id = $1 and matched', [incidentId]);
    expect(matched.rows).toEqual([{ device_id: 'dev-pc' }]);
    const audit = await app.db.query<{ n: number }>(`select count(*)::int as n from audit_log where kind = 'incident.reported' and subject_id = $1`, [incidentId]);
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('remote lock: a double click and a second member pressing at once → one Graph call, result on every card', async () => {
    const answers = await Promise.all([request('sec-1', 'lock', 'dev-pc'), request('sec-1', 'lock', 'dev-pc'), request('sec-2', 'lock', 'dev-pc')]);
    expect(answers.filter((a) => a.includes('すでに要求') || a.includes('requested already'))).toHaveLength(2);
    await waitUntil(async () => (await actionRows('lock'))[0]?.status === 'succeeded', 15_000);
    await new Promise((r) => setTimeout(r, 1500)); // a second job, if any, would have run by now
    expect(intune.calls.filter((c) => c.kind === 'remoteLock')).toHaveLength(1);
    expect(await actionRows('lock')).toHaveLength(1);
    await settle();
    expect(updates('sec-2').some((u) => cardText(u.activity).includes('Remote lock (PC-YAMADA): done'))).toBe(true);
    expect(updates('emp-1').length).toBeGreaterThan(0); // the reporter's card follows the incident
  });

  it('wipe needs a second security member: the requester cannot approve, two approvals at once → one call', async () => {
    const requested = await request('sec-1', 'wipe', 'dev-pc');
    expect(requested).toContain('2 人目');
    await new Promise((r) => setTimeout(r, 1200));
    expect(intune.calls.filter((c) => c.kind === 'wipe')).toHaveLength(0);
    const [row] = await actionRows('wipe');
    expect(row?.status).toBe('awaiting_approval');
    const actionId = row?.id ?? '';

    expect(await invoke('sec-1', VERBS.deviceActionDecide, { actionId, decision: 'approve' })).toContain('自分が要求した操作は承認できません');
    expect(await invoke('mgr-1', VERBS.deviceActionDecide, { actionId, decision: 'approve' })).toContain('セキュリティ担当だけ');
    expect((await actionRows('wipe'))[0]?.status).toBe('awaiting_approval');

    await Promise.all([
      invoke('sec-2', VERBS.deviceActionDecide, { actionId, decision: 'approve' }),
      invoke('sec-3', VERBS.deviceActionDecide, { actionId, decision: 'approve' }),
      invoke('sec-3', VERBS.deviceActionDecide, { actionId, decision: 'approve' }),
    ]);
    await waitUntil(async () => (await actionRows('wipe'))[0]?.status === 'succeeded', 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(intune.calls.filter((c) => c.kind === 'wipe')).toHaveLength(1);
    expect((await timeline(incidentId)).filter((e) => e.kind === 'action_approved')).toHaveLength(1);
  });

  it('429 and 503 are retried (Retry-After, backoff): one revoke lands; 403 fails and shows on the timeline', async () => {
    intune.faults.push({ status: 429, retryAfterSeconds: 1, kind: 'revokeSignInSessions' }, { status: 503, kind: 'revokeSignInSessions' });
    await request('sec-2', 'revoke', 'user');
    await waitUntil(async () => (await actionRows('revoke'))[0]?.status === 'succeeded', 20_000);
    expect(intune.calls.filter((c) => c.kind === 'revokeSignInSessions').map((c) => c.status)).toEqual([429, 503, 200]);
    expect((await actionRows('revoke'))[0]?.attempts).toBe(3);
    expect((await timeline(incidentId)).filter((e) => e.kind === 'action_retrying').map((e) => e.data['error'])).toEqual(['HTTP 429 TooManyRequests', 'HTTP 503 ServiceUnavailable']);

    intune.faults.push({ status: 403, kind: 'remoteLock' });
    await request('sec-1', 'lock', 'dev-phone');
    await waitUntil(async () => (await actionRows('lock')).some((r) => r.status === 'failed'), 15_000);
    expect(intune.calls.filter((c) => c.kind === 'remoteLock').map((c) => c.status)).toEqual([204, 403]);
    const failed = (await timeline(incidentId)).filter((e) => e.kind === 'action_failed');
    expect(failed.map((e) => e.data['error'])).toEqual(['HTTP 403 Forbidden']);
    await settle();
    const last = updates('sec-2').at(-1);
    expect(cardText(last?.activity)).toContain('Remote lock (iPhone-YAMADA): failed (HTTP 403 Forbidden)');
  });

  it('an action left running by a stopped process becomes "outcome unknown" and may be requested again, never re-run by itself', async () => {
    const [revoke] = await actionRows('revoke');
    // As if the process stopped during the Graph call an hour ago.
    await app.db.query("update device_actions set status = 'running', finished_at = null, started_at = $2 where id = $1", [revoke?.id, new Date(app.clock.now().getTime() - 3_600_000)]);
    expect(await app.devices.settleStale()).toBe(1);
    expect(await app.devices.settleStale()).toBe(0);
    expect((await actionRows('revoke')).map((r) => [r.status, r.error])).toEqual([['failed', 'outcome unknown']]);
    expect((await timeline(incidentId)).filter((e) => e.kind === 'action_unknown')).toHaveLength(1);
    await settle();
    expect(cardText(updates('sec-2').at(-1)?.activity)).toContain('outcome unknown');
    const before = intune.done('revokeSignInSessions').length;
    await request('sec-2', 'revoke', 'user');
    await waitUntil(async () => (await actionRows('revoke')).some((r) => r.status === 'succeeded'), 15_000);
    expect(intune.done('revokeSignInSessions')).toHaveLength(before + 1);
  });

  it('closing records the reports; a device.lost signal opens an incident once per event id', async () => {
    const closed = await invoke('sec-1', VERBS.deviceIncidentClose, { incidentId, reportsFiled: 'none_needed' });
    expect(closed).toContain('クローズ済み');
    expect(closed).not.toContain(VERBS.deviceActionRequest);

    const body = JSON.stringify({
      id: 'evt-lost-1', type: 'device.lost', occurredAt: new Date().toISOString(), user: { aadObjectId: LOST_USER }, device: { id: 'x', serial: 'SN-X', name: 'X' },
    });
    for (let i = 0; i < 2; i++) expect((await postSignal(app.url, body, { secret: SECRET, unixSeconds: Math.floor(Date.now() / 1000) })).status).toBeLessThan(300);
    await waitUntil(async () => (await app.db.query(`select 1 from device_incidents where source = 'signal'`)).rows.length === 1, 15_000);
    await settle();
    const rows = (await app.db.query<{ user_id: string; appi_preliminary_due: Date | null }>(`select user_id, appi_preliminary_due from device_incidents where source = 'signal'`)).rows;
    expect(rows).toEqual([{ user_id: LOST_USER, appi_preliminary_due: expect.any(Date) }]);
    expect(cards('sec-2', 'MDM reported Hanako Sato')).toHaveLength(1);
    expect(cards('mgr-1', 'Hanako Sato')).toHaveLength(1);
  });

  it('a reporter whose manager is inactive: the security team is alerted as for a person without a manager, the former manager is not', async () => {
    await app.db.query(`update users set active = false where id = 'mgr-4'`); // the directory sync deactivated them
    const answer = await invoke('emp-4', VERBS.deviceReportSubmit, { ...REPORT, submitId: '7a1c2b3a-0000-4000-8000-00000000a004', serial: '' });
    expect(answer).toContain('登録されている上長が組織のディレクトリで無効になっているため、上長には通知できませんでした。');
    expect(answer).not.toContain('上長に通知しました。');
    expect(answer).not.toContain('上長が登録されていない');
    await settle();
    for (const sec of ['sec-1', 'sec-2', 'sec-3']) expect(cards(sec, 'Kenji Kato'), sec).toHaveLength(1);
    expect(cloud.state.cardsFor('mgr-4')).toEqual([]);
    const id = (await app.db.query<{ id: string }>(`select id from device_incidents where user_id = 'emp-4'`)).rows[0]?.id ?? '';
    expect((await timeline(id)).find((e) => e.kind === 'alerted')?.data).toMatchObject({ n: 3, manager: false, managerInactive: true, admins: 0 });
  });
});
