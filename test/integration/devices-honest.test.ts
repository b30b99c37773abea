// A lost-device report in a tenant without any security team member: the reporter's card says so
// (and that the admins were told instead), the admins get the alert with why they got it, and the
// manager's "seen" lands on the incident timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-no-security';
const PEOPLE: Person[] = [
  { id: 'emp-1', name: '田中 太郎', department: 'Ops', managerId: 'mgr-1' },
  { id: 'mgr-1', name: '鈴木 一郎', department: 'Management' },
  { id: 'admin-1', name: '佐藤 花子', department: 'HR', isAdmin: true },
  { id: 'emp-2', name: '山田 花子', department: 'Sales', managerId: 'mgr-2' },
  { id: 'mgr-2', name: '伊藤 次郎', department: 'Sales' },
];
const REPORT = {
  submitId: '7a1c2b3a-0000-4000-8000-00000000b001', kind: 'stolen', deviceType: 'company_phone', serial: '', lostWhen: '', lostWhere: '', lastUsed: '',
  encrypted: 'yes', screenLocked: 'yes', dataOnIt: '', personalData: 'no', policeReport: '',
};

describe.each(storeKinds())('lost device without a security team on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let closeStore: () => Promise<void>;
  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'ja-JP' });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>) =>
    cardText(((await app.post(executeActivity(who(user), verb, data))).body as { value: unknown }).value);

  beforeAll(async () => {
    cloud = await startFakeCloud({});
    const store = await openTestStore(kind);
    closeStore = store.close;
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: '' }, { db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: PEOPLE });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('the reporter reads who was and was not alerted and what to do next; admins are alerted instead', async () => {
    const card = await invoke('emp-1', VERBS.deviceReportSubmit, REPORT);
    expect(card).toContain('上長に通知しました。');
    expect(card).toContain('セキュリティ担当が登録されていないため通知できませんでした。代わりに管理者 1 人に通知しました。');
    expect(card).not.toContain('上長とセキュリティ担当に通知しました');
    expect(card).toContain('次にすること');
    expect(card).toContain('警察に盗難届');
    expect(card).toContain('パスワード');
    await settle();
    const adminAlert = cloud.state.cardsFor('admin-1').map((d) => cardText(d.activity)).find((text) => text.includes(VERBS.deviceAlertAck));
    expect(adminAlert).toContain('セキュリティ担当が登録されていないため、管理者のあなたに通知しています');
    const managerAlert = cloud.state.cardsFor('mgr-1').map((d) => cardText(d.activity)).find((text) => text.includes(VERBS.deviceAlertAck));
    expect(managerAlert).toContain('確認しました');
    expect(managerAlert).not.toContain('管理者のあなたに通知しています');
  });

  it("the manager's 「確認しました」 is recorded on the timeline once; someone else's is refused", async () => {
    const incidentId = (await app.db.query<{ id: string }>(`select id from device_incidents where user_id = 'emp-1'`)).rows[0]?.id ?? '';
    expect(await invoke('emp-1', VERBS.deviceAlertAck, { incidentId })).toContain('上長と管理者だけ');
    const seen = await invoke('mgr-1', VERBS.deviceAlertAck, { incidentId });
    expect(seen).toContain('鈴木 一郎 さんが確認しました');
    expect(seen).not.toContain(VERBS.deviceAlertAck);
    await invoke('mgr-1', VERBS.deviceAlertAck, { incidentId });
    const events = await app.db.query<{ kind: string; actor_id: string }>("select kind, actor_id from device_incident_events where kind = 'alert_acknowledged'");
    expect(events.rows).toEqual([{ kind: 'alert_acknowledged', actor_id: 'mgr-1' }]);
  });

  it('インシデント: the manager gets the open incident of a report again; the reporter may not list incidents', async () => {
    const say = async (user: string, text: string) => cardText(((await app.post(messageActivity(who(user), text))).body as unknown) ?? '');
    await say('mgr-1', 'インシデント');
    await settle();
    const mine = cloud.state.cardsFor('mgr-1').map((d) => cardText(d.activity));
    expect(mine.some((text) => text.includes('対応中のインシデントが 1 件あります'))).toBe(true);
    expect(mine.filter((text) => text.includes('田中 太郎 さんが端末の盗難を報告しました')).length).toBeGreaterThanOrEqual(2); // the alert, and again
    await say('emp-1', 'インシデント');
    await settle();
    expect(cloud.state.cardsFor('emp-1').map((d) => cardText(d.activity)).some((text) => text.includes('セキュリティ担当と上長（自分の部下の分）だけ'))).toBe(true);
  });

  it("a former manager (inactive since the alert) pressing 「確認しました」 is refused and nothing is recorded", async () => {
    await invoke('emp-2', VERBS.deviceReportSubmit, { ...REPORT, submitId: '7a1c2b3a-0000-4000-8000-00000000b002' });
    await settle();
    const incidentId = (await app.db.query<{ id: string }>(`select id from device_incidents where user_id = 'emp-2'`)).rows[0]?.id ?? '';
    expect(cloud.state.cardsFor('mgr-2').map((d) => cardText(d.activity)).some((text) => text.includes(VERBS.deviceAlertAck))).toBe(true);
    await app.db.query(`update users set active = false where id = 'mgr-2'`); // left the company: the directory sync deactivates them
    const refused = await invoke('mgr-2', VERBS.deviceAlertAck, { incidentId });
    expect(refused).toContain('この操作はできません');
    expect(refused).toContain('この通知を確認済みにできるのは、報告者の上長と管理者だけです。');
    const events = await app.db.query('select 1 from device_incident_events where incident_id = $1 and kind = $2', [incidentId, 'alert_acknowledged']);
    expect(events.rows).toEqual([]);
    // The admin still may.
    expect(await invoke('admin-1', VERBS.deviceAlertAck, { incidentId })).toContain('佐藤 花子 さんが確認しました');
  });
});
