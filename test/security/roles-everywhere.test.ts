// Issue 18 item 7: one answer for who holds a role, whichever feature asks. A table of people — admin by
// the directory flag or by ADMIN_USER_IDS, security by the directory flag or by SECURITY_TEAM_USER_IDS, a
// manager, nobody — and what every part of the running app says about each: the roles service, the
// console's roles, and the help card the features fill (rounds and digests offer admin commands,
// approvals offers 承認待ち to approvers, devices offers インシデント to the security team and managers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoles } from '../../src/store/roles';
import { usersRepo } from '../../src/store/users';
import { cardText, messageActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-roles';
const SETTINGS = { ADMIN_USER_IDS: 'set-admin', SECURITY_TEAM_USER_IDS: 'set-sec' };

interface Expected { admin: boolean; security: boolean; manager: boolean }
const TABLE: readonly [string, Expected][] = [
  ['flag-admin', { admin: true, security: false, manager: false }],
  ['set-admin', { admin: true, security: false, manager: false }],
  ['flag-sec', { admin: false, security: true, manager: false }],
  ['set-sec', { admin: false, security: true, manager: false }],
  ['manager', { admin: false, security: false, manager: true }],
  ['plain', { admin: false, security: false, manager: false }],
];

/** What the help card offers each role (the commands' descriptions, src/teams/commands.ts). */
const HELP = { safety: '安否確認を開始', worktimeExport: '勤怠エクスポート（管理者）', pending: '承認待ちの申請', incidents: '対応中の紛失・盗難インシデント' };

describe('roles: the same answer from every feature', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  const roles = createRoles({ adminIds: [SETTINGS.ADMIN_USER_IDS], securityIds: [SETTINGS.SECURITY_TEAM_USER_IDS] });

  beforeAll(async () => {
    cloud = await startFakeCloud({});
    app = await startTestApp(SETTINGS);
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: TABLE.map(([id]) => ({ id, name: id, department: 'Ops', isAdmin: id === 'flag-admin', managerId: id === 'plain' ? 'manager' : undefined })),
    });
    await app.db.query(`update users set is_security = true where id = 'flag-sec'`);
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it.each(TABLE)('%s', async (id, expected) => {
    const user = await usersRepo.getInTenant(app.db, TENANT, id);
    if (!user) throw new Error(`no ${id}`);
    const plain = { id: 'plain', tenantId: TENANT };
    // The roles service.
    expect(roles.isAdmin(user)).toBe(expected.admin);
    expect(await roles.isSecurity(app.db, user)).toBe(expected.security);
    expect((await roles.adminsOf(app.db, TENANT)).map((u) => u.id).includes(id)).toBe(expected.admin);
    expect((await roles.securityTeamOf(app.db, TENANT)).includes(id)).toBe(expected.security);
    expect(await roles.isManagerOf(app.db, id, plain)).toBe(expected.manager);
    expect(await roles.isApproverOf(app.db, user, { kind: 'request', person: plain })).toBe(expected.admin || expected.manager);
    expect(await roles.isApproverOf(app.db, user, { kind: 'device-action', tenantId: TENANT })).toBe(expected.security);
    // Another tenant's person: no role reaches across.
    expect(await roles.isApproverOf(app.db, user, { kind: 'request', person: { id: 'plain', tenantId: 'other' } })).toBe(false);

    // The console (local mode: the picker's header names the person).
    const me = await fetch(`${app.url}/api/console/me`, { headers: { 'x-anshin-local-user': id } });
    expect(((await me.json()) as { roles: Expected }).roles).toEqual(expected);
    const people = (await (await fetch(`${app.url}/api/console/people`)).json()) as { id: string; roles: Expected }[];
    expect(people.find((p) => p.id === id)?.roles).toEqual(expected);

    // The help card, as the features decide what to offer.
    const before = cloud.state.cardsFor(id).length;
    await app.post(messageActivity({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT }, 'ヘルプ'));
    const help = cardText(cloud.state.cardsFor(id).slice(before).map((d) => d.activity));
    expect(help.includes(HELP.safety), 'rounds: safety').toBe(expected.admin);
    expect(help.includes(HELP.worktimeExport), 'digests: worktime export').toBe(expected.admin);
    expect(help.includes(HELP.pending), 'approvals: pending').toBe(expected.admin || expected.manager);
    expect(help.includes(HELP.incidents), 'devices: incidents').toBe(expected.security || expected.manager);
  });

  it('nobody is their own manager, and an inactive manager is nobody\'s: neither decides a request', async () => {
    const plain = { id: 'plain', tenantId: TENANT };
    const self = { id: 'plain', tenantId: TENANT, isAdmin: false };
    try {
      await app.db.query(`update users set active = false where id = 'manager'`);
      expect(await roles.activeManagerOf(app.db, plain)).toBeUndefined();
      expect(await roles.isManagerOf(app.db, 'manager', plain)).toBe(false);
      expect(await roles.isApproverOf(app.db, { id: 'manager', tenantId: TENANT, isAdmin: false }, { kind: 'request', person: plain })).toBe(false);
      await app.db.query(`update users set manager_id = 'plain' where id = 'plain'`);
      expect(await roles.activeManagerOf(app.db, plain)).toBeUndefined();
      expect(await roles.isManagerOf(app.db, 'plain', plain)).toBe(false);
      expect(await roles.isApproverOf(app.db, self, { kind: 'request', person: plain })).toBe(false);
    } finally {
      await app.db.query(`update users set active = true where id = 'manager'`);
      await app.db.query(`update users set manager_id = 'manager' where id = 'plain'`);
    }
    expect((await roles.activeManagerOf(app.db, plain))?.id).toBe('manager');
  });
});

