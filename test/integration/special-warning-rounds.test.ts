import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJmaReport } from '../../src/domain/safety/jma-weather';
import type { TriggerRule } from '../../src/domain/safety/rules';
import { createJmaHandler } from '../../src/features/rounds/jma';
import { createLogger } from '../../src/log/logger';
import { startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople, type Person } from '../support/people';

// Issue 22, scope 2–3: 特別警報 from real telegrams (test/fixtures/jma/weather/SOURCES.md) under a rules file.
const TENANT = 'tenant-wx';
const xml = (file: string) => readFileSync(path.resolve(__dirname, '../fixtures/jma/weather', file), 'utf8');
const report = (file: string) => parseJmaReport(xml(file));
const people: Person[] = [
  { id: 'admin-w', name: 'Admin', department: 'HR', isAdmin: true, officePrefecture: '27' },
  { id: 'tokyo-1', name: '東京 一', department: 'Tokyo', officePrefecture: '13' },
  { id: 'tokyo-2', name: '東京 二', department: 'Tokyo', homePrefecture: '13', officePrefecture: '14' },
  { id: 'fukui-1', name: '福井 一', department: 'Fukui', officePrefecture: '18' },
];
const rules = (drill: boolean): TriggerRule[] => [
  { id: 'quake', source: 'earthquake', minIntensity: '5-', prefectures: [], action: 'start', repeatBlockMinutes: 360, drill: false },
  { id: 'rain', source: 'special_warning', kinds: ['heavy_rain', 'storm_surge'], prefectures: [], action: 'start', repeatBlockMinutes: 360, drill },
];

describe.each(storeKinds())('特別警報 rounds from real JMA telegrams on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const clock = new FakeClock('2026-09-07T14:00:00Z');
  const handler = (drill = false) =>
    createJmaHandler({ db: app.db, rounds: app.rounds, clock, logger: createLogger('silent'), rules: rules(drill), jma: { pollSeconds: 60, threshold: '5-', tsunamiKinds: ['warning'], aftershockHours: 6, drill: false } });
  const rounds = async () =>
    (await app.db.query<{ id: string; kind: string; is_drill: boolean; status: string; prefectures: string[] }>('select id, kind, is_drill, status, prefectures from safety_rounds order by started_at')).rows;
  const recipients = async (roundId: string) => (await app.db.query<{ user_id: string }>('select user_id from round_recipients where round_id = $1 order by 1', [roundId])).rows.map((r) => r.user_id);
  const notices = async () => (await app.db.query<{ recipient_id: string; subject: string }>("select recipient_id, idempotency_key as subject from deliveries where purpose = 'round-notice' order by created_at")).rows;

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { clock, db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await cloud?.stop();
  });

  it('the three copies of one 大雨特別警報 issuance (VPWW53, VPWW54, VPNO50; empty EventID) start one round', async () => {
    const h = handler();
    for (const file of ['vpww53-tokyo-special-20260907.xml', 'vpww54-tokyo-special-20260907.xml', 'vpno50-tokyo-special-20260907.xml']) await h.onReport(report(file));
    const all = await rounds();
    expect(all).toEqual([{ id: expect.any(String), kind: 'typhoon_flood', is_drill: false, status: 'open', prefectures: ['13'] }]);
    expect(await recipients(all[0]!.id)).toEqual(['tokyo-1', 'tokyo-2']);
  });

  it('a 特別警報 for another prefecture within the repeat block (2026 R06 format) extends the open round', async () => {
    await handler().onReport(report('vpww55-r06-fukui-special-20260830.xml'));
    const all = await rounds();
    expect(all).toHaveLength(1);
    expect(all[0]?.prefectures).toEqual(['13', '18']);
    expect(await recipients(all[0]!.id)).toEqual(['fukui-1', 'tokyo-1', 'tokyo-2']);
  });

  it('解除 starts no round and tells the admins once', async () => {
    const before = (await notices()).length;
    await handler().onReport(report('vpno50-tokyo-release-20260908.xml'));
    await handler().onReport(report('vpno50-tokyo-release-20260908.xml'));
    expect(await rounds()).toHaveLength(1);
    const after = await notices();
    expect(after.slice(before).map((n) => n.recipient_id)).toEqual(['admin-w']);
  });

  it('a rule marked drill starts the round as a drill (after the repeat block)', async () => {
    const [first] = await rounds();
    await app.db.query("update safety_rounds set status = 'closed', closed_at = now() where id = $1", [first!.id]);
    clock.advance(7 * 3_600_000);
    await handler(true).onReport(report('vpww55-r06-fukui-special-20260830.xml'));
    const all = await rounds();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ is_drill: true, status: 'open', prefectures: ['18'] });
  });
});
