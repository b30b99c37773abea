// Issue 18 item 7: a role group the directory sync cannot read. Graph (the local stand-in) answers 403
// for the security group and 404 for the admin group: the last members keep their role, the admins get
// one card per failure episode and one error line is logged at every sync; after ROLE_SYNC_FAIL_CLOSED_HOURS
// the roles from those groups are gone (audited, the admins told) while ADMIN_USER_IDS still counts;
// a successful read restores normal sync and the admins are told once (audited when the role had gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingCount } from '../../src/delivery/status';
import { cardText, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { captureLog } from '../support/log-capture';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-role-groups';
const ADMINS = 'group-role-admins';
const SECURITY = 'group-role-security';
const HOUR = 3_600_000;


describe.each(storeKinds())('role groups that cannot be read (%s)', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  const clock = new FakeClock('2026-12-01T00:00:00Z');
  const log = captureLog();
  const errors = (msg: RegExp) => log.lines().filter((l) => l.level >= 50 && msg.test(l.msg));
  const flags = async () =>
    new Map((await store.db.query<{ id: string; is_admin: boolean; is_security: boolean }>('select id, is_admin, is_security from users where tenant_id = $1', [TENANT])).rows.map((r) => [r.id, r]));
  const settle = () => waitUntil(async () => (await pendingCount(store.db)) === 0, 20_000, 50);
  const notices = (user: string, marker: string) => cloud.state.cardsFor(user).map((d) => cardText(d.activity)).filter((t) => t.includes(marker));
  /** The app on the shared store, syncing from the local Graph; rg-00005 is an admin by ADMIN_USER_IDS only. */
  const start = async (adminGroup: string) => {
    const env = {
      GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DIRECTORY_SOURCE: 'graph', ALLOWED_TENANT_IDS: TENANT, ADMIN_GROUP_ID: adminGroup, SECURITY_GROUP_ID: SECURITY,
      DIRECTORY_SYNC_MINUTES: '60', ROLE_SYNC_FAIL_CLOSED_HOURS: '24', ADMIN_USER_IDS: 'rg-00005', DELIVERY_RATE_PER_SECOND: '1000',
    };
    app = await startTestApp(env, { db: store.db, clock, overrides: { logger: log.logger } });
  };
  const sync = async () => {
    await app.directory.sync();
    await settle();
  };

  beforeAll(async () => {
    cloud = await startFakeCloud();
    store = await openTestStore(kind);
    const directory = cloud.state.directory;
    directory.tenantId = TENANT;
    directory.addUsers(5, { department: 'Ops', state: '東京都', preferredLanguage: 'ja-JP' }, 'rg-');
    directory.setGroup(ADMINS, ['rg-00001']);
    directory.setGroup(SECURITY, ['rg-00002', 'rg-00003']);
    // Each of them opened the bot once: cards reach them through the local connector.
    const people = Array.from({ length: 5 }, (_, i) => ({ id: `rg-0000${i + 1}`, name: `User 0000${i + 1}`, department: 'Ops' }));
    await seedPeople(store.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    await start(ADMINS);
    await sync();
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('a 403 security group keeps its last members, alerts the admins once and logs an error at every sync', async () => {
    expect(await flags()).toEqual(new Map([
      ['rg-00001', { id: 'rg-00001', is_admin: true, is_security: false }],
      ['rg-00002', { id: 'rg-00002', is_admin: false, is_security: true }],
      ['rg-00003', { id: 'rg-00003', is_admin: false, is_security: true }],
      ['rg-00004', { id: 'rg-00004', is_admin: false, is_security: false }],
      ['rg-00005', { id: 'rg-00005', is_admin: false, is_security: false }],
    ]));
    const directory = cloud.state.directory;
    directory.forbiddenGroups.add(SECURITY);
    directory.setGroup(SECURITY, ['rg-00003']); // rg-00002 left the team, but the app cannot see it

    await sync();
    clock.advance({ hours: 1 });
    await sync();

    const after = await flags();
    expect(after.get('rg-00002')?.is_security).toBe(true);
    expect(after.get('rg-00003')?.is_security).toBe(true);
    // Both admins (the group's and the configured one) got one card for this episode; nobody else did.
    for (const admin of ['rg-00001', 'rg-00005']) {
      const cards = notices(admin, 'セキュリティ担当のグループを読み取れません');
      expect(cards, admin).toHaveLength(1);
      expect(cards[0]).toContain(SECURITY);
      expect(cards[0]).toContain('24 時間');
    }
    expect(notices('rg-00002', 'グループを読み取れません')).toHaveLength(0);
    expect(errors(/role group cannot be read/).filter((l) => l.role === 'security')).toHaveLength(2);
    // One error line per failing sync, nothing else at error level (Graph's 403 itself is a warning).
    expect(errors(/./)).toHaveLength(2);
    expect(log.lines().filter((l) => l.msg.startsWith('directory group cannot be read') && l.groupId === SECURITY && l.level === 40)).toHaveLength(2);
    expect((await store.db.query(`select count(*)::int as n from audit_log where kind = 'role.group_fail_closed'`)).rows).toEqual([{ n: 0 }]);
  });

  it('after ROLE_SYNC_FAIL_CLOSED_HOURS the roles from unreadable groups are gone, audited and told; ADMIN_USER_IDS still counts', async () => {
    const directory = cloud.state.directory;
    directory.setGroup(ADMINS, []);
    // The admin group now answers 404 (deleted): its own episode starts now. The security group stays
    // unreadable throughout (the restarted app's first sync runs in the background).
    const deleted = 'group-role-admins-deleted';
    await app.stop();
    await start(deleted);
    await sync();
    expect((await flags()).get('rg-00001')?.is_admin).toBe(true);
    expect(notices('rg-00001', '管理者のグループを読み取れません')).toHaveLength(1);

    // 24 h after the security group's first failure (it started one hour before this test's first sync).
    clock.advance({ hours: 23 });
    await sync();
    const closed = await flags();
    expect(closed.get('rg-00002')?.is_security).toBe(false);
    expect(closed.get('rg-00003')?.is_security).toBe(false);
    expect(closed.get('rg-00001')?.is_admin).toBe(true); // the admin group has failed for 23 h only
    for (const admin of ['rg-00001', 'rg-00005']) expect(notices(admin, 'セキュリティ担当の権限を削除しました'), admin).toHaveLength(1);
    const audit = await store.db.query<{ data: { role: string; removed: number } }>(`select data from audit_log where kind = 'role.group_fail_closed' order by seq`);
    expect(audit.rows.map((r) => r.data)).toEqual([expect.objectContaining({ role: 'security', removed: 2, groupId: SECURITY })]);
    expect(errors(/the role it gave was removed/)).toHaveLength(1);

    clock.advance({ hours: 1 });
    await sync();
    const noAdmins = await flags();
    expect(noAdmins.get('rg-00001')?.is_admin).toBe(false);
    // The configured admin is still an admin and is told; the former group member is neither.
    expect(notices('rg-00005', '管理者の権限を削除しました')).toHaveLength(1);
    expect(notices('rg-00001', '管理者の権限を削除しました')).toHaveLength(0);
    // Later syncs of the same episode send nothing again and audit nothing again.
    clock.advance({ hours: 1 });
    await sync();
    expect(notices('rg-00005', '管理者の権限を削除しました')).toHaveLength(1);
    expect((await store.db.query(`select count(*)::int as n from audit_log where kind = 'role.group_fail_closed'`)).rows).toEqual([{ n: 2 }]);
  });

  it('a successful read restores normal sync: the members get the role back, and a new failure is a new episode', async () => {
    const directory = cloud.state.directory;
    directory.forbiddenGroups.delete(SECURITY);
    await sync();
    expect((await flags()).get('rg-00003')?.is_security).toBe(true);
    expect((await flags()).get('rg-00002')?.is_security).toBe(false);
    expect((await store.db.query(`select role from role_group_failures where tenant_id = $1 order by role`, [TENANT])).rows).toEqual([{ role: 'admin' }]);
    // The admins hear it once; the role had been removed, so its return is audited.
    const back = notices('rg-00005', 'セキュリティ担当のグループを再び読み取れます');
    expect(back).toHaveLength(1);
    expect(back[0]).toContain(SECURITY);
    expect(back[0]).toContain('権限は元に戻り');
    expect((await store.db.query<{ data: unknown }>(`select data from audit_log where kind = 'role.group_restored'`)).rows.map((r) => r.data))
      .toEqual([expect.objectContaining({ role: 'security', groupId: SECURITY })]);
    clock.advance({ hours: 1 });
    await sync();
    expect(notices('rg-00005', 'セキュリティ担当のグループを再び読み取れます')).toHaveLength(1);

    directory.forbiddenGroups.add(SECURITY);
    clock.advance({ hours: 1 });
    await sync();
    expect((await flags()).get('rg-00003')?.is_security).toBe(true);
    expect(notices('rg-00005', 'セキュリティ担当のグループを読み取れません')).toHaveLength(2);
  });

  it('another group configured for the role starts a new episode, not the old one that already failed closed', async () => {
    expect(notices('rg-00005', '管理者のグループを読み取れません')).toHaveLength(1);
    await app.stop();
    await start('group-role-admins-other'); // also unknown to Graph (404)
    await sync();
    const episode = await store.db.query<{ group_id: string; closed: boolean }>(
      `select group_id, closed_at is not null as closed from role_group_failures where tenant_id = $1 and role = 'admin'`, [TENANT],
    );
    expect(episode.rows).toEqual([{ group_id: 'group-role-admins-other', closed: false }]);
    expect(notices('rg-00005', '管理者のグループを読み取れません')).toHaveLength(2);
  });

  it('a group read again before it failed closed: the admins (its members included) are told once, nothing audited, one error per failing sync', async () => {
    const other = 'group-role-admins-other';
    const directory = cloud.state.directory;
    const errorsBefore = errors(/./).length;
    // The security group's second episode (the previous tests) ends too: told once more, not audited (it never failed closed).
    directory.forbiddenGroups.delete(SECURITY);
    clock.advance({ hours: 1 });
    await sync(); // the admin group still answers 404: its episode of the previous test goes on
    expect(errors(/./).length - errorsBefore).toBe(1);
    expect(notices('rg-00005', 'セキュリティ担当のグループを再び読み取れます')).toHaveLength(2);
    directory.setGroup(other, ['rg-00001']);
    clock.advance({ hours: 1 });
    await sync();
    expect((await flags()).get('rg-00001')?.is_admin).toBe(true);
    expect((await store.db.query(`select role from role_group_failures where tenant_id = $1`, [TENANT])).rows).toEqual([]);
    for (const admin of ['rg-00001', 'rg-00005']) {
      const back = notices(admin, '管理者のグループを再び読み取れます');
      expect(back, admin).toHaveLength(1);
      expect(back[0]).toContain(other);
    }
    expect(notices('rg-00002', '再び読み取れます')).toHaveLength(0);
    clock.advance({ hours: 1 });
    await sync();
    expect(notices('rg-00005', '管理者のグループを再び読み取れます')).toHaveLength(1);
    expect((await store.db.query(`select count(*)::int as n from audit_log where kind = 'role.group_restored'`)).rows).toEqual([{ n: 1 }]); // the security group's, earlier
    expect(errors(/./).length - errorsBefore).toBe(1);
  });
});

