// Directory sync from Microsoft Graph (issue 10, item 1) against the local Graph stand-in: the real
// app syncs 1,200 users over 3 delta pages (429s waited out), then a delta round with 5 changes and 2
// removals, group membership makes admins and security members, and the delta link survives a restart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { createOutbox } from '../../src/delivery/outbox';
import { createDirectoryFeature } from '../../src/features/directory';
import { createGraphClient } from '../../src/graph/client';
import { createLogger } from '../../src/log/logger';
import type { Db } from '../../src/store/db';
import { createRoles } from '../../src/store/roles';
import { startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type EntraUser, type FakeCloud, type FakeDirectory } from '../support/fake-cloud';

const TENANT = 'tenant-directory';
const ADMINS = 'group-admins';
const SECURITY = 'group-security';
const id = (n: number) => `user-${String(n).padStart(5, '0')}`;

interface Row {
  id: string; tenant_id: string; name: string; email: string | null; upn: string | null; department: string | null; manager_id: string | null;
  office_prefecture: string | null; home_prefecture: string | null; locale: string; is_admin: boolean; is_security: boolean; active: boolean;
}
const rows = async (db: Db): Promise<Map<string, Row>> =>
  new Map((await db.query<Row>('select * from users where tenant_id = $1', [TENANT])).rows.map((r) => [r.id, r]));

/** Prefectures the addresses of the seeded directory name (state 東京都 unless listed). */
const PREFECTURES: Readonly<Record<string, string | null>> = { [id(2)]: '27', [id(3)]: '01', [id(4)]: '23', [id(7)]: null };

/** The store holds exactly what the directory says: every user ever seen, leavers and disabled accounts inactive. */
async function expectStoreMatches(
  db: Db, directory: FakeDirectory, groups: { admins: string[]; security: string[] }, prefectures: Readonly<Record<string, string | null>>,
): Promise<void> {
  const stored = await rows(db);
  const all = directory.list();
  expect(stored.size).toBe(all.length);
  for (const { user, removed } of all) {
    const row = stored.get(user.id);
    expect(row, user.id).toBeDefined();
    expect(row, user.id).toMatchObject({
      name: user.displayName,
      email: user.mail ?? null,
      upn: removed ? null : user.userPrincipalName.toLowerCase(),
      department: user.department ?? null,
      manager_id: user.managerId ?? null,
      office_prefecture: user.id in prefectures ? prefectures[user.id] : '13',
      locale: user.preferredLanguage?.startsWith('en') ? 'en' : 'ja',
      active: !removed && user.accountEnabled !== false,
      is_admin: groups.admins.includes(user.id),
      is_security: groups.security.includes(user.id),
    });
  }
}

/** 1,200 people in Tokyo; user 1 manages 2–100; a few with other addresses, English, a disabled account. */
function seedDirectory(directory: FakeDirectory): void {
  directory.tenantId = TENANT;
  directory.addUsers(1200, { department: 'Ops', state: '東京都', city: '千代田区', preferredLanguage: 'ja-JP', usageLocation: 'JP' });
  for (let n = 2; n <= 100; n++) directory.update(id(n), { managerId: id(1) });
  directory.update(id(2), { state: 'Osaka', city: null });
  directory.update(id(3), { state: null, city: '札幌市' });
  directory.update(id(4), { state: null, city: null, officeLocation: 'Nagoya Office' });
  directory.update(id(5), { preferredLanguage: 'en-US' });
  directory.update(id(6), { accountEnabled: false });
  directory.update(id(7), { state: 'Washington', city: 'Redmond', usageLocation: 'US' });
  // Nested: the admins group holds user 10 directly and user 11 through a subgroup.
  directory.setGroup(ADMINS, [id(10), 'group-admins-nested']);
  directory.setGroup('group-admins-nested', [id(11)]);
  directory.setGroup(SECURITY, [id(20)]);
}

describe.each(storeKinds())('directory sync from Graph (%s)', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp | undefined;
  const prefectures: Record<string, string | null> = { ...PREFECTURES };
  const env = () => ({
    GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, DIRECTORY_SOURCE: 'graph', ALLOWED_TENANT_IDS: TENANT,
    ADMIN_GROUP_ID: ADMINS, SECURITY_GROUP_ID: SECURITY, DIRECTORY_SYNC_MINUTES: '60',
  });
  const started = () => {
    if (!app) throw new Error('app not started');
    return app;
  };

  beforeAll(async () => {
    cloud = await startFakeCloud();
    store = await openTestStore(kind);
    seedDirectory(cloud.state.directory);
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('reads 1,200 users over 3 pages at start, waiting out 429s, and makes admins and security members from the groups', async () => {
    const directory = cloud.state.directory;
    directory.throttle.remaining = 2;
    directory.throttle.retryAfterSeconds = 0.2;
    const t0 = Date.now();
    app = await startTestApp(env(), { db: store.db });
    // The first sync runs in the background: the app was ready before it finished.
    await started().directory.sync();
    expect(directory.requests.filter((r) => r === 'initial')).toHaveLength(1);
    expect(directory.requests.filter((r) => r === 'next')).toHaveLength(2);
    expect(directory.throttled).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    await expectStoreMatches(store.db, directory, { admins: [id(10), id(11)], security: [id(20)] }, prefectures);
  });

  it('applies a delta with 5 changes and 2 removals; an admin removed from the group loses the right', async () => {
    const directory = cloud.state.directory;
    directory.update(id(100), { department: 'Sales' });
    directory.update(id(101), { displayName: 'Renamed Person', managerId: null });
    directory.update(id(102), { managerId: id(2) });
    directory.update(id(103), { state: 'Fukuoka' });
    directory.update(id(104), { accountEnabled: false });
    directory.remove(id(200));
    directory.remove(id(201));
    directory.setGroup('group-admins-nested', []);
    prefectures[id(103)] = '40';
    const before = directory.requests.length;

    const report = await started().directory.sync();

    expect(report).toMatchObject({ source: 'graph', mode: 'delta', users: 5, removed: 2, pages: 1 });
    expect(directory.requests.slice(before).filter((r) => r !== 'members')).toEqual(['delta']);
    await expectStoreMatches(store.db, directory, { admins: [id(10)], security: [id(20)] }, prefectures);
    const kept = await rows(store.db);
    expect(kept.get(id(200))).toMatchObject({ active: false, name: 'User 00200' });
    expect(kept.get(id(11))?.is_admin).toBe(false);
  });

  it('keeps the delta link across a restart: the next sync reads only the changes', async () => {
    await started().stop();
    app = undefined;
    const directory = cloud.state.directory;
    directory.update(id(300), { department: 'Legal' });
    const before = directory.requests.length;

    app = await startTestApp(env(), { db: store.db });
    await started().directory.sync();

    expect(directory.requests.slice(before)).not.toContain('initial');
    expect(directory.requests.slice(before)).toContain('delta');
    expect((await rows(store.db)).get(id(300))?.department).toBe('Legal');
    const state = await store.db.query<{ delta_link: string }>('select delta_link from directory_sync where tenant_id = $1', [TENANT]);
    expect(state.rows[0]?.delta_link).toContain('$deltatoken=');
  });

  it('reads everything again when the delta link has expired, and deactivates who left meanwhile', async () => {
    const directory = cloud.state.directory;
    directory.expireDeltaTokens();
    directory.remove(id(301));
    // Removed while the link was expired: only the full read can tell.
    const report = await started().directory.sync();

    expect(report).toMatchObject({ mode: 'full', users: 1197, pages: 3 });
    await expectStoreMatches(store.db, directory, { admins: [id(10)], security: [id(20)] }, prefectures);
    expect((await rows(store.db)).get(id(301))?.active).toBe(false);
  });
});

describe('directory sync: scope group, file prefectures, Graph failures', () => {
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-directory-'));

  beforeAll(async () => {
    cloud = await startFakeCloud();
    store = await openTestStore('pglite');
  });
  afterAll(async () => {
    await cloud?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const feature = (file?: string, scope?: string) =>
    createDirectoryFeature({
      db: store.db,
      clock: { now: () => new Date() },
      logger: createLogger('silent'),
      outbox: createOutbox(() => undefined),
      audit: createAuditLog({ clock: { now: () => new Date() } }),
      roles: createRoles({ adminIds: [], securityIds: [] }),
      settings: { source: 'graph', tenantId: TENANT, syncMinutes: 15, groups: { scope }, roleSyncFailClosedHours: 24 },
      defaults: { timeZone: 'Asia/Tokyo', locale: 'ja' },
      file,
      fileDefaults: { timeZone: 'Asia/Tokyo' },
      client: createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test' }),
      retry: { backoffMs: 5, maxRetries: 2 },
    });

  it('deactivates people outside the scope group and lets a directory file set prefectures', async () => {
    const directory = cloud.state.directory;
    directory.tenantId = TENANT;
    const people: EntraUser[] = directory.addUsers(5, { state: 'Tokyo' }, 'scoped-');
    directory.setGroup('group-scope', [people[0]?.id ?? '', people[1]?.id ?? '', people[2]?.id ?? '']);
    const file = path.join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify({ tenantId: TENANT, users: [{ aadObjectId: 'scoped-00001', name: 'x', officePrefecture: '14', homePrefecture: '12' }] }));

    await feature(file, 'group-scope').sync();

    const stored = await rows(store.db);
    expect([...stored.values()].filter((r) => r.active).map((r) => r.id).sort()).toEqual(['scoped-00001', 'scoped-00002', 'scoped-00003']);
    expect(stored.get('scoped-00001')).toMatchObject({ office_prefecture: '14', home_prefecture: '12' });
    expect(stored.get('scoped-00002')).toMatchObject({ office_prefecture: '13', home_prefecture: null });

    // Joining the scope group later activates the person at the next sync, without any change to the user itself.
    directory.setGroup('group-scope', ['scoped-00001', 'scoped-00002', 'scoped-00003', 'scoped-00004']);
    await feature(file, 'group-scope').sync();
    expect((await rows(store.db)).get('scoped-00004')?.active).toBe(true);
  });

  it('gives up after bounded retries on 5xx, changes nothing, and catches up at the next run', async () => {
    const directory = cloud.state.directory;
    directory.update('scoped-00005', { department: 'Finance' });
    directory.outage.remaining = 3;
    const sync = feature().sync;

    await expect(sync()).rejects.toThrow(/503/);
    expect((await rows(store.db)).get('scoped-00005')?.department).toBeNull();
    // The lease was given back: the next run is not blocked.
    expect(await sync()).toMatchObject({ mode: 'delta', users: 1 });
    expect((await rows(store.db)).get('scoped-00005')?.department).toBe('Finance');
  });
});
