// Approvals decided at decision time and Intune actions without dead ends (issue 18 item 5), through the
// real app on a fake clock: the generic verb refuses an Intune approval; a former manager can no longer
// approve; Intune approvals expire; the job checks again before it calls Graph; closing cancels what
// waits; with a one-person security team an admin is the second person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type DeliveredRecord, type FakeCloud } from '../support/fake-cloud';
import { intuneOf, type FakeIntune } from '../support/fake-cloud/intune';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-intune-approvals';
const PEOPLE: Person[] = [
  { id: 'emp-1', name: 'Taro Yamada', department: 'Ops', managerId: 'mgr-1' },
  { id: 'mgr-1', name: 'Manager One', department: 'Management' },
  { id: 'mgr-2', name: 'Manager Two', department: 'Management' },
  { id: 'sec-1', name: 'Sec One', department: 'Security' },
  { id: 'sec-2', name: 'Sec Two', department: 'Security' },
  { id: 'adm-1', name: 'Admin One', department: 'IT', isAdmin: true },
];
const REPORT = {
  submitId: '7a1c2b3a-0000-4000-8000-00000000c001', kind: 'lost', deviceType: 'company_pc', serial: 'SN-PC-1', lostWhen: '', lostWhere: '', lastUsed: '',
  encrypted: 'yes', screenLocked: 'yes', dataOnIt: '', personalData: 'no', policeReport: '',
};
const PC_OK = { declNonPublicLine: 'true', declUpdates: 'true', declBrowserOnly: 'true', reason: '貸与PCが故障したため', until: '2027-03-31' };

describe.each(storeKinds())('Intune approvals and decisions on %s', (kind: StoreKind) => {
  const clock = new FakeClock('2026-12-01T09:00:00+09:00');
  let cloud: FakeCloud;
  let intune: FakeIntune;
  let app: TestApp;
  let closeStore: () => Promise<void>;
  let incidentId = '';

  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'ja-JP' });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>) => {
    const res = await app.post(executeActivity(who(user), verb, data));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  const request = (user: string, action: string, targetId: string) => invoke(user, VERBS.deviceActionRequest, { incidentId, action, targetId });
  const decide = (user: string, actionId: string, decision = 'approve') => invoke(user, VERBS.deviceActionDecide, { actionId, decision });
  const action = async (name: string, targetId: string) =>
    (await app.db.query<{ id: string; status: string; error: string | null; approval_id: string | null }>(
      'select id, status, error, approval_id from device_actions where action = $1 and target_id = $2 order by requested_at desc, id limit 1', [name, targetId],
    )).rows[0];
  const approvalState = async (id: string | null | undefined) => (await app.db.query<{ state: string }>('select state from approval_requests where id = $1', [id])).rows[0]?.state;
  const events = async (kindOf: string) =>
    (await app.db.query<{ data: Record<string, unknown> }>('select data from device_incident_events where incident_id = $1 and kind = $2 order by seq', [incidentId, kindOf])).rows;
  const lastUpdate = (user: string): DeliveredRecord | undefined => cloud.state.delivered.filter((d) => d.kind === 'update' && d.userId === user).at(-1);

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    intune = intuneOf(cloud.state);
    intune.addDevice({ id: 'dev-pc', userId: 'emp-1', deviceName: 'PC-YAMADA', serialNumber: 'SN-PC-1' });
    intune.addDevice({ id: 'dev-phone', userId: 'emp-1', deviceName: 'iPhone-YAMADA', serialNumber: 'SN-PH-9' });
    const store = await openTestStore(kind);
    closeStore = store.close;
    app = await startTestApp(
      { GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: 'sec-1,sec-2', INTUNE_APPROVAL_MINUTES: '60' },
      { db: store.db, clock },
    );
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: PEOPLE });
    await invoke('emp-1', VERBS.deviceReportSubmit, REPORT);
    incidentId = (await app.db.query<{ id: string }>('select id from device_incidents where user_id = $1', ['emp-1'])).rows[0]?.id ?? '';
    await settle();
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('the generic approval verb refuses an Intune approval: a clear message, the action still waits for the incident card', async () => {
    expect(await request('sec-1', 'wipe', 'dev-pc')).toContain('2 人目');
    const waiting = await action('wipe', 'dev-pc');
    const answer = await invoke('sec-2', VERBS.approvalDecide, { requestId: waiting?.approval_id, decision: 'approve' });
    expect(answer).toContain('インシデントのカードから決定してください');
    expect(await action('wipe', 'dev-pc')).toMatchObject({ status: 'awaiting_approval' });
    expect(await approvalState(waiting?.approval_id)).toBe('pending');
  });

  it('an Intune approval nobody decided within INTUNE_APPROVAL_MINUTES expires on every card; a new request is possible', async () => {
    await settle(); // the request's card updates have gone: the expiry's are the last ones
    const waiting = await action('wipe', 'dev-pc');
    clock.set(new Date(clock.now().getTime() + 59 * 60_000));
    expect(await app.devices.expireActions()).toBe(0);
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    expect(await app.devices.expireActions()).toBe(1);
    expect(await app.devices.expireActions()).toBe(0);
    expect(await action('wipe', 'dev-pc')).toMatchObject({ id: waiting?.id, status: 'expired' });
    await settle();
    for (const sec of ['sec-1', 'sec-2']) expect(cardText(lastUpdate(sec)?.activity)).toContain('60 分以内に 2 人目の承認がなかったため期限切れ');
    expect(await decide('sec-2', waiting?.id ?? '')).toContain('すでに決定されています');
    expect(await request('sec-1', 'wipe', 'dev-pc')).toContain('2 人目');
    expect((await action('wipe', 'dev-pc'))?.status).toBe('awaiting_approval');
  });

  it('a press after INTUNE_APPROVAL_MINUTES expires the action at once, before any sweep', async () => {
    const waiting = await action('wipe', 'dev-pc');
    clock.set(new Date(clock.now().getTime() + 61 * 60_000));
    expect(await decide('sec-2', waiting?.id ?? '')).toContain('承認の期限を過ぎたため、この要求は期限切れになりました');
    expect(await action('wipe', 'dev-pc')).toMatchObject({ id: waiting?.id, status: 'expired' });
    expect(await approvalState(waiting?.approval_id)).toBe('expired');
    await new Promise((r) => setTimeout(r, 1000)); // a job, if any, would have run by now
    expect(intune.calls.filter((c) => c.kind === 'wipe')).toHaveLength(0);
    expect(await request('sec-1', 'wipe', 'dev-pc')).toContain('2 人目');
  });

  it('the job checks again before Graph: a device no longer the person\'s is not wiped, and the cards say why', async () => {
    const waiting = await action('wipe', 'dev-pc');
    intune.addDevice({ id: 'dev-pc', userId: 'someone-else', deviceName: 'PC-YAMADA', serialNumber: 'SN-PC-1' });
    await decide('sec-2', waiting?.id ?? '');
    await waitUntil(async () => (await action('wipe', 'dev-pc'))?.status === 'skipped', 15_000);
    expect(intune.calls.filter((c) => c.kind === 'wipe')).toHaveLength(0);
    expect((await events('action_skipped')).map((e) => e.data['reason'])).toEqual(['device_not_owned']);
    await settle();
    expect(cardText(lastUpdate('sec-1')?.activity)).toContain('実行しませんでした。このデバイスは Intune でもうこの人のものではありません。');
    intune.addDevice({ id: 'dev-pc', userId: 'emp-1', deviceName: 'PC-YAMADA', serialNumber: 'SN-PC-1' });
  });

  it('a retry checks again too: an incident closed or an approval withdrawn meanwhile is not acted on', async () => {
    const retrying = async (name: string, targetId: string) =>
      waitUntil(async () => { const a = await action(name, targetId); return a?.status === 'queued' && a.error !== null; }, 15_000);
    intune.faults.push({ status: 503, retryAfterSeconds: 4, kind: 'remoteLock' });
    await request('sec-1', 'lock', 'dev-phone');
    await retrying('lock', 'dev-phone');
    await app.db.query(`update device_incidents set state = 'closed' where id = $1`, [incidentId]); // as if closed by another replica meanwhile
    await waitUntil(async () => (await action('lock', 'dev-phone'))?.status === 'skipped', 20_000);
    await app.db.query(`update device_incidents set state = 'acknowledged' where id = $1`, [incidentId]);

    intune.faults.push({ status: 503, retryAfterSeconds: 4, kind: 'retire' });
    await request('sec-1', 'retire', 'dev-pc');
    const waiting = await action('retire', 'dev-pc');
    await decide('sec-2', waiting?.id ?? '');
    await retrying('retire', 'dev-pc');
    await app.db.query(`update approval_requests set state = 'rejected' where id = $1`, [waiting?.approval_id]);
    await waitUntil(async () => (await action('retire', 'dev-pc'))?.status === 'skipped', 20_000);

    expect((await events('action_skipped')).map((e) => e.data['reason'])).toEqual(['device_not_owned', 'incident_closed', 'approval_invalid']);
    expect(intune.calls.filter((c) => c.kind === 'remoteLock' || c.kind === 'retire').map((c) => c.status)).toEqual([503, 503]);
    await settle();
    expect(cardText(lastUpdate('sec-2')?.activity)).toContain('実行しませんでした。承認がもう有効ではありません。');
  });

  it('with a one-person security team an admin is the second person; a former member may not decide', async () => {
    await app.db.query(`update users set active = false where id = 'sec-2'`);
    try {
      expect(await request('sec-1', 'retire', 'dev-phone')).toContain('2 人目');
      const waiting = await action('retire', 'dev-phone');
      expect(await decide('sec-2', waiting?.id ?? '')).toContain('セキュリティ担当だけ');
      expect(await decide('sec-1', waiting?.id ?? '')).toContain('自分が要求した操作は承認できません');
      expect((await action('retire', 'dev-phone'))?.status).toBe('awaiting_approval');
      await decide('adm-1', waiting?.id ?? '');
      await waitUntil(async () => (await action('retire', 'dev-phone'))?.status === 'succeeded', 15_000);
      expect(intune.done('retire')).toHaveLength(1);
    } finally {
      await app.db.query(`update users set active = true where id = 'sec-2'`);
    }
  });

  it('closing the incident cancels the actions and approvals still waiting, on every card', async () => {
    expect(await request('sec-1', 'wipe', 'dev-phone')).toContain('2 人目');
    const waiting = await action('wipe', 'dev-phone');
    const closed = await invoke('sec-2', VERBS.deviceIncidentClose, { incidentId, reportsFiled: 'none_needed' });
    expect(closed).toContain('インシデントがクローズされたため取り消し');
    expect(closed).not.toContain(VERBS.deviceActionDecide);
    expect(await action('wipe', 'dev-phone')).toMatchObject({ status: 'cancelled' });
    expect(await approvalState(waiting?.approval_id)).toBe('cancelled');
    await settle();
    expect(cardText(lastUpdate('sec-1')?.activity)).toContain('ワイプ（iPhone-YAMADA）：インシデントがクローズされたため取り消し');
    expect(await decide('sec-2', waiting?.id ?? '')).toContain('クローズされています');
  });

  it('approvers are checked again when they decide: a former manager is refused, the request stays open for the real approvers', async () => {
    expect(await invoke('emp-1', VERBS.privatePcRequestSubmit, PC_OK)).toContain('承認待ち');
    const r = (await app.db.query<{ id: string }>(`select id from approval_requests where requester_id = 'emp-1' and kind = 'private_pc'`)).rows[0];
    await app.db.query(`update users set manager_id = 'mgr-2' where id = 'emp-1'`);
    const refused = await invoke('mgr-1', VERBS.approvalDecide, { requestId: r?.id, decision: 'approve' });
    expect(refused).toContain('現在、この申請者の上長でも管理者でもない');
    expect(await approvalState(r?.id)).toBe('pending');
    expect((await app.db.query('select 1 from approval_votes where request_id = $1', [r?.id])).rows).toEqual([]);
    await invoke('adm-1', VERBS.approvalDecide, { requestId: r?.id, decision: 'approve' });
    expect(await approvalState(r?.id)).toBe('approved');
  });
});

describe.each(storeKinds())('a one-person security team without admins as second person on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let closeStore: () => Promise<void>;
  const invoke = async (user: string, verb: string, data: Record<string, unknown>) =>
    cardText(((await app.post(executeActivity({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'ja-JP' }, verb, data))).body as { value: unknown }).value);

  beforeAll(async () => {
    cloud = await startFakeCloud({});
    intuneOf(cloud.state).addDevice({ id: 'dev-pc', userId: 'emp-1', deviceName: 'PC-YAMADA', serialNumber: 'SN-PC-1' });
    const store = await openTestStore(kind);
    closeStore = store.close;
    app = await startTestApp({ GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, SECURITY_TEAM_USER_IDS: 'sec-1', INTUNE_SECOND_APPROVER_ADMINS: 'false' }, { db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: PEOPLE });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('INTUNE_SECOND_APPROVER_ADMINS=false: the admin may not be the second person', async () => {
    await invoke('emp-1', VERBS.deviceReportSubmit, REPORT);
    const incidentId = (await app.db.query<{ id: string }>('select id from device_incidents')).rows[0]?.id;
    expect(await invoke('sec-1', VERBS.deviceActionRequest, { incidentId, action: 'wipe', targetId: 'dev-pc' })).toContain('2 人目');
    const row = (await app.db.query<{ id: string; approval_id: string }>('select id, approval_id from device_actions')).rows[0];
    expect(await invoke('adm-1', VERBS.deviceActionDecide, { actionId: row?.id, decision: 'approve' })).toContain('セキュリティ担当だけ');
    const approvers = await app.db.query<{ approver_ids: string[] }>('select approver_ids from approval_requests where id = $1', [row?.approval_id]);
    expect(approvers.rows[0]?.approver_ids).toEqual(['sec-1']);
    expect((await app.db.query<{ status: string }>('select status from device_actions')).rows[0]?.status).toBe('awaiting_approval');
  });
});
