// No APPI reminder is marked sent without a recipient (issue 18 item 6.3): a tenant without a security
// team member has its admins reminded instead, with a warning log line without personal data; a tenant
// with neither keeps the reminder due and logs an error (once a day, for reminders and overdue deadlines alike).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { createLogger } from '../../src/log/logger';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const DAY0 = '2026-12-01T09:00:00+09:00';
const REPORT = {
  kind: 'lost', deviceType: 'company_phone', serial: '', lostWhen: '', lostWhere: '', lastUsed: '', encrypted: 'no', screenLocked: 'no', dataOnIt: '',
  personalData: 'yes', policeReport: '',
};

describe.each(storeKinds())('APPI reminders without a security team on %s', (kind: StoreKind) => {
  const clock = new FakeClock(DAY0);
  const logLines: Record<string, unknown>[] = [];
  let cloud: FakeCloud;
  let app: TestApp;
  let closeStore: () => Promise<void>;

  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const report = async (tenant: string, user: string, submitId: string) => {
    const res = await app.post(executeActivity({ serviceUrl: cloud.connectorUrl, user, tenant }, VERBS.deviceReportSubmit, { submitId, ...REPORT }));
    expect(res.status).toBe(200);
    return (await app.db.query<{ id: string }>('select id from device_incidents where user_id = $1', [user])).rows[0]?.id ?? '';
  };
  const reminderRows = async (incidentId: string) =>
    (await app.db.query<{ deadline: string; status: string }>('select deadline, status from appi_reminders where incident_id = $1 order by deadline', [incidentId])).rows;

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    const store = await openTestStore(kind);
    closeStore = store.close;
    const logger = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: '' }, { db: store.db, clock, overrides: { logger } });
    await seedPeople(app.db, cloud.state, {
      tenantId: 'tenant-admins-only', connectorUrl: cloud.connectorUrl,
      people: [{ id: 'emp-a', name: 'Taro Yamada', department: 'Ops' }, { id: 'adm-a', name: 'Admin A', department: 'IT', isAdmin: true }],
    });
    await seedPeople(app.db, cloud.state, { tenantId: 'tenant-nobody', connectorUrl: cloud.connectorUrl, people: [{ id: 'emp-b', name: 'Jiro Suzuki', department: 'Ops' }] });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await closeStore?.();
  });

  it('the admins get the reminder when the tenant has no security member; without admins it stays due and an error is logged', async () => {
    const withAdmins = await report('tenant-admins-only', 'emp-a', '7a1c2b3a-0000-4000-8000-00000000d001');
    const nobody = await report('tenant-nobody', 'emp-b', '7a1c2b3a-0000-4000-8000-00000000d002');
    await settle();
    const remindersOf = (user: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes('の期限は'));
    const before = remindersOf('adm-a').length;
    clock.set(new Date(Date.parse(DAY0) + 2 * 86_400_000 + 3_600_000)); // a day before the preliminary deadline (day 3)
    expect(await app.devices.tick()).toBe(1);
    await settle();
    expect(remindersOf('adm-a')).toHaveLength(before + 1);
    expect(cardText(remindersOf('adm-a').at(-1)?.activity)).toContain('Taro Yamada');
    expect(await reminderRows(withAdmins)).toEqual([{ deadline: 'final', status: 'due' }, { deadline: 'preliminary', status: 'sent' }]);
    expect(await reminderRows(nobody)).toEqual([{ deadline: 'final', status: 'due' }, { deadline: 'preliminary', status: 'due' }]);

    const warning = logLines.find((l) => l['msg'] === 'appi reminder: no security team member in this tenant; sent to the admins');
    expect(warning).toMatchObject({ level: 40, incidentId: withAdmins, admins: 1 });
    const error = logLines.find((l) => String(l['msg']).startsWith('appi reminder: no security team member and no admin'));
    expect(error).toMatchObject({ level: 50, incidentId: nobody, deadline: 'preliminary' });
    expect(JSON.stringify([warning, error])).not.toMatch(/Yamada|Suzuki|emp-a|emp-b/);

    // The next sweep sends nothing twice and still has nobody for the second tenant.
    expect(await app.devices.tick()).toBe(0);
    expect((await reminderRows(nobody)).map((r) => r.status)).toEqual(['due', 'due']);
  });

  /**
   * One error line so far: sweeps within the day after it add none; a day after it, one more; the sweep
   * right after that, none.
   */
  async function loggedOncePerDay(errors: () => unknown[], sweep: () => Promise<unknown>): Promise<void> {
    const start = clock.now().getTime();
    for (const minutes of [5, 10, 60, 23 * 60]) {
      clock.set(new Date(start + minutes * 60_000));
      await sweep();
    }
    expect(errors()).toHaveLength(1);
    clock.set(new Date(start + 24 * 3_600_000 + 60_000)); // a day after the first line
    await sweep();
    expect(errors()).toHaveLength(2);
    await sweep();
    expect(errors()).toHaveLength(2);
  }

  it('the error about a reminder nobody can receive is logged once a day, not on every sweep', async () => {
    const nobody = (await app.db.query<{ id: string }>(`select id from device_incidents where user_id = 'emp-b'`)).rows[0]?.id;
    const errors = () => logLines.filter((l) => String(l['msg']).startsWith('appi reminder: no security team member and no admin') && l['incidentId'] === nobody);
    const logged = errors().length;
    expect(logged).toBe(1);
    // Nothing is sent meanwhile: the reminder stays due.
    await loggedOncePerDay(errors, async () => expect(await app.devices.tick()).toBe(0));
    expect((await reminderRows(nobody ?? '')).map((r) => r.status)).toEqual(['due', 'due']);
  });

  it('the error about an overdue deadline nobody can be alerted about is logged once a day, not on every sweep', async () => {
    const nobody = (await app.db.query<{ id: string }>(`select id from device_incidents where user_id = 'emp-b'`)).rows[0]?.id;
    const errors = () => logLines.filter((l) => String(l['msg']).startsWith('appi overdue: no security team member and no admin') && l['incidentId'] === nobody);
    expect(errors()).toHaveLength(0);
    // Past the preliminary deadline (day 3).
    expect(await app.devices.appiOverdue()).toBe(1); // the other tenant's admin is alerted
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatchObject({ level: 50, deadlines: ['preliminary'] });
    expect(JSON.stringify(errors())).not.toMatch(/Suzuki|emp-b/);
    await loggedOncePerDay(errors, () => app.devices.appiOverdue());
  });
});
