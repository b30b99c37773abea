import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople, type Person } from '../support/people';

/**
 * Spreadsheets run a cell that starts with a formula sign, also after a leading line break or space
 * and in its full-width form (Excel folds ＝＋－＠ to =+-@ in a Japanese locale); `|` starts DDE.
 */
const HOSTILE: Record<string, string> = {
  equals: '=HYPERLINK("http://evil")',
  plus: '+1+1',
  minus: '-1+1',
  at: '@SUM(A1)',
  tab: '\t=1',
  cr: '\r=1',
  lf: '\n=1+1',
  space: ' =1+1',
  pipe: '|calc',
  'full-width equals': '＝1+1',
  'full-width plus': '＋1',
  'full-width minus': '－1',
  'full-width at': '＠SUM(A1)',
  'full-width pipe': '｜calc',
};
const TENANT = 'tenant-csv';

describe('CSV export neutralizes spreadsheet formulas', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let csv = '';

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({}, { clock: new FakeClock('2026-11-24T01:00:00Z') });
    const people: Person[] = [
      { id: 'admin', name: 'Admin', department: 'HR', isAdmin: true },
      ...Object.entries(HOSTILE).map(([key, name], i): Person => ({ id: `u${i}`, name, department: `dept-${key}` })),
    ];
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    const admin = (await app.db.query<{ id: string }>("select id from users where id = 'admin'")).rows[0];
    expect(admin).toBeDefined();
    const { round } = await app.rounds.start({
      tenantId: TENANT,
      source: 'admin',
      form: { kind: 'other', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true },
    });
    csv = (await app.exports.roundCsv(round.id)) ?? '';
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it.each(Object.entries(HOSTILE))('a name starting with %s is exported as text', (_key, name) => {
    const quoted = `"'${name.replace(/"/g, '""')}"`;
    expect(csv).toContain(quoted);
  });

  it('leaves ordinary names alone', () => {
    expect(csv).toContain('"Admin"');
  });
});
