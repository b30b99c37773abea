// APPI (個人情報保護法) deadlines of lost-device incidents (issue 9 item 3, issue 18 item 6) on a fake
// clock: the PPC preliminary (day 3) and final (day 30, 60 when stolen) reports, a reminder to the
// security team a day before each; a close with only the preliminary filed keeps the final one's
// reminder and the card offers recording it later; an overdue deadline alerts the security team and
// the admins once a day until it is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type DeliveredRecord, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-appi';
const DAY0 = '2026-12-01T09:00:00+09:00';
const PEOPLE: Person[] = [
  { id: 'emp-1', name: 'Taro Yamada', department: 'Ops', managerId: 'mgr-1' },
  { id: 'emp-2', name: 'Jiro Suzuki', department: 'Ops', managerId: 'mgr-1' },
  { id: 'emp-3', name: 'Saburo Tanaka', department: 'Ops', managerId: 'mgr-1' },
  { id: 'mgr-1', name: 'Manager One', department: 'Management' },
  { id: 'sec-1', name: 'Sec One', department: 'Security' },
  { id: 'sec-2', name: 'Sec Two', department: 'Security' },
  { id: 'adm-1', name: 'Admin One', department: 'IT', isAdmin: true },
];
const REPORT = {
  deviceType: 'company_phone', serial: '', lostWhen: '', lostWhere: '', lastUsed: '', screenLocked: 'no', dataOnIt: '', policeReport: '',
};

describe.each(storeKinds())('APPI deadlines on %s', (kind: StoreKind) => {
  const clock = new FakeClock(DAY0);
  let cloud: FakeCloud;
  let app: TestApp;
  let closeStore: () => Promise<void>;
  const ids: Record<string, string> = {};

  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const res = await app.post(executeActivity(who(user), verb, data, replyToId));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  const reminders = (user: string): DeliveredRecord[] => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes('の期限は'));
  const overdueAlerts = (user: string): DeliveredRecord[] => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes('を過ぎていますが'));
  const overdue = async (days: number, hours = 0) => {
    at(days, hours);
    const sent = await app.devices.appiOverdue();
    await settle();
    return sent;
  };
  const at = (days: number, hours = 0) => clock.set(new Date(Date.parse(DAY0) + days * 86_400_000 + hours * 3_600_000));
  const tick = async (days: number, hours = 0) => {
    at(days, hours);
    const sent = await app.devices.tick();
    await settle();
    return sent;
  };

  /** Reports through the `lost device` command's card, as the person would. */
  async function report(user: string, fields: { kind: string; encrypted: string; personalData: string }): Promise<string> {
    await app.post(messageActivity(who(user), 'lost device'));
    await waitUntil(async () => cloud.state.cardsFor(user).some((d) => cardText(d.activity).includes(VERBS.deviceReportSubmit)), 10_000, 50);
    const form = cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(VERBS.deviceReportSubmit)).at(-1) as DeliveredRecord;
    const submitId = String((findElements(form.activity, (e) => e.verb === VERBS.deviceReportSubmit)[0]?.data as { submitId: string }).submitId);
    await invoke(user, VERBS.deviceReportSubmit, { submitId, ...REPORT, ...fields }, form.activityId);
    const row = await app.db.query<{ id: string }>('select id from device_incidents where user_id = $1', [user]);
    return row.rows[0]?.id ?? '';
  }

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    const store = await openTestStore(kind);
    closeStore = store.close;
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: 'sec-1,sec-2' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: PEOPLE });
    ids.lost = await report('emp-1', { kind: 'lost', encrypted: 'no', personalData: 'yes' });
    ids.stolen = await report('emp-2', { kind: 'stolen', encrypted: 'unknown', personalData: 'unknown' });
    ids.none = await report('emp-3', { kind: 'lost', encrypted: 'no', personalData: 'no' });
    await settle();
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('carries the PPC deadlines: day 3 and day 30 (60 when stolen); none without personal data', async () => {
    const rows = await app.db.query<{ id: string; appi_preliminary_due: Date | null; appi_final_due: Date | null }>(
      'select id, appi_preliminary_due, appi_final_due from device_incidents',
    );
    const due = (id: string | undefined) => rows.rows.find((r) => r.id === id);
    const day = (n: number) => new Date(Date.parse(DAY0) + n * 86_400_000);
    expect(due(ids.lost)).toMatchObject({ appi_preliminary_due: day(3), appi_final_due: day(30) });
    expect(due(ids.stolen)).toMatchObject({ appi_preliminary_due: day(3), appi_final_due: day(60) });
    expect(due(ids.none)).toMatchObject({ appi_preliminary_due: null, appi_final_due: null });
    expect(cardText(cloud.state.cardsFor('sec-1').find((d) => cardText(d.activity).includes('Taro Yamada'))?.activity)).toContain('速報');
  });

  it('closing needs the reports filed; closed with the preliminary only, the card offers recording the final report', async () => {
    at(1);
    expect(await invoke('sec-1', VERBS.deviceIncidentClose, { incidentId: ids.stolen, reportsFiled: '' })).toContain('クローズしてください');
    const closed = await invoke('sec-1', VERBS.deviceIncidentClose, { incidentId: ids.stolen, reportsFiled: 'preliminary' });
    expect(closed).toContain('クローズ済み');
    expect(closed).toContain('確報を提出済み');
    expect(closed).toContain('確報は');
    const row = await app.db.query<{ reports_filed: string; state: string }>('select reports_filed, state from device_incidents where id = $1', [ids.stolen]);
    expect(row.rows[0]).toEqual({ reports_filed: 'preliminary', state: 'closed' });
  });

  it('reminds the security team a day before day 3 and before day 30, once each; not of the preliminary report filed at close', async () => {
    expect(await tick(1, 23)).toBe(0);
    expect(await tick(2, 1)).toBe(2); // preliminary of the open incident, to sec-1 and sec-2
    expect(await tick(2, 2)).toBe(0);
    for (const sec of ['sec-1', 'sec-2']) {
      expect(reminders(sec)).toHaveLength(1);
      expect(cardText(reminders(sec)[0]?.activity)).toContain('Taro Yamada');
    }
    expect(reminders('adm-1')).toHaveLength(0); // the tenant has a security team
  });

  it('an overdue deadline alerts the security team and the admins once a day until it is recorded', async () => {
    expect(await overdue(2, 23)).toBe(0);
    expect(await overdue(3, 1)).toBe(3); // the open incident's preliminary report: sec-1, sec-2, adm-1
    expect(await overdue(3, 5)).toBe(0); // the same day: nothing again (the delivery key holds the day)
    expect(await overdue(4, 1)).toBe(3);
    for (const user of ['sec-1', 'sec-2', 'adm-1']) {
      expect(overdueAlerts(user)).toHaveLength(2);
      expect(cardText(overdueAlerts(user)[0]?.activity)).toContain('Taro Yamada');
    }
    const events = await app.db.query<{ n: number }>(`select count(*)::int as n from device_incident_events where incident_id = $1 and kind = 'appi_overdue'`, [ids.lost]);
    expect(events.rows[0]?.n).toBe(2);
  });

  it('the final report reminder survives a close with only the preliminary filed', async () => {
    expect(await tick(28, 23)).toBe(0);
    expect(await tick(29, 1)).toBe(2); // final report of the open incident
    at(29, 2);
    expect(await invoke('sec-2', VERBS.deviceIncidentClose, { incidentId: ids.lost, reportsFiled: 'preliminary,final' })).toContain('クローズ済み');
    expect(await tick(40)).toBe(0);
    expect(await overdue(40, 1)).toBe(0); // the lost one is settled, the stolen one's final is due on day 60
    expect(await tick(59, 1)).toBe(2); // the stolen one (day 60), closed with the preliminary only
    for (const sec of ['sec-1', 'sec-2']) {
      expect(reminders(sec)).toHaveLength(3);
      expect(cardText(reminders(sec).at(-1)?.activity)).toContain('Jiro Suzuki');
    }
    const rows = await app.db.query<{ incident_id: string; deadline: string; status: string }>('select incident_id, deadline, status from appi_reminders order by incident_id, deadline');
    expect(rows.rows.filter((r) => r.incident_id === ids.stolen).map((r) => r.status)).toEqual(['sent', 'cancelled']); // final, preliminary
  });

  it('"final report filed" on the closed card records it: the overdue alerts stop', async () => {
    expect(await overdue(60, 1)).toBe(3);
    expect(overdueAlerts('adm-1').filter((d) => cardText(d.activity).includes('Jiro Suzuki'))).toHaveLength(1);
    at(60, 2);
    const card = await invoke('sec-1', VERBS.deviceIncidentClose, { incidentId: ids.stolen, reportsFiled: 'final' });
    expect(card).toContain('確報の提出を記録しました');
    expect(card).not.toContain('確報を提出済み');
    const row = await app.db.query<{ reports_filed: string; state: string }>('select reports_filed, state from device_incidents where id = $1', [ids.stolen]);
    expect(row.rows[0]).toEqual({ reports_filed: 'preliminary,final', state: 'closed' });
    expect(await overdue(61, 1)).toBe(0);
    expect(await tick(70)).toBe(0);
  });
});
