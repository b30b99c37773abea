import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJmaHandler, jmaSeenStore } from '../../src/features/rounds/jma';
import { parseJmaXml } from '../../src/domain/safety/jma';
import { createJmaPoller } from '../../src/feeds/jma-poller';
import { pendingCount } from '../../src/delivery/status';
import { createLogger } from '../../src/log/logger';
import { startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const SHARED = path.resolve(__dirname, '../../../shared/fixtures/jma');
const available = existsSync(SHARED);
if (!available && process.env.CI === 'true') throw new Error(`JMA samples missing at ${SHARED}: required in CI`);
if (!available) console.warn(`JMA integration tests skipped: ${SHARED} not found`);

const TENANT = 'tenant-jma';
const sample = (f: string) => readFileSync(path.join(SHARED, f), 'utf8');
const people: Person[] = [
  { id: 'admin-j', name: 'Admin', department: 'HR', isAdmin: true, officePrefecture: '13' },
  ...Array.from({ length: 10 }, (_, i): Person => ({ id: `miyagi-${i}`, name: `宮城 ${i}`, department: 'Sendai', officePrefecture: '04' })),
  ...Array.from({ length: 20 }, (_, i): Person => ({ id: `tokyo-${i}`, name: `東京 ${i}`, department: 'Tokyo', officePrefecture: '13' })),
  ...Array.from({ length: 5 }, (_, i): Person => ({ id: `osaka-${i}`, name: `大阪 ${i}`, department: 'Osaka', officePrefecture: '27' })),
];

describe.skipIf(!available)('automatic rounds from real JMA reports', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  const clock = new FakeClock('2008-06-14T00:00:00Z');
  let handler: ReturnType<typeof createJmaHandler>;
  const rounds = async () => (await app.db.query<{ kind: string; status: string; source: string; event_id: string; prefectures: string[] }>('select kind, status, source, event_id, prefectures from safety_rounds order by started_at')).rows;
  const recipientsOf = async (eventId: string) =>
    (await app.db.query<{ user_id: string }>('select x.user_id from round_recipients x join safety_rounds r on r.id = x.round_id where r.event_id = $1 order by 1', [eventId])).rows.map((r) => r.user_id);

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    handler = createJmaHandler({ db: app.db, rounds: app.rounds, clock, logger: createLogger('silent'), jma: { pollSeconds: 60, threshold: '5-', tsunamiKinds: ['major_warning', 'warning'], aftershockHours: 6, drill: false } });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('震度6強 (2008 岩手・宮城内陸地震) starts a round for the people in 宮城 only, once', async () => {
    await handler.onReport(parseJmaXml(sample('32-35_06_03_100915_VXSE53.xml')));
    await handler.onReport(parseJmaXml(sample('32-35_06_03_100915_VXSE53.xml')));
    expect(await rounds()).toEqual([{ kind: 'earthquake', status: 'open', source: 'jma', event_id: '20080614084350', prefectures: ['04'] }]);
    expect(await recipientsOf('20080614084350')).toEqual(people.filter((p) => p.officePrefecture === '04').map((p) => p.id).sort());
  });

  it('a drill or a test message changes nothing', async () => {
    await handler.onReport(parseJmaXml(sample('32-35_01_03_100806_VXSE53.xml')));
    await handler.onReport(parseJmaXml(sample('54_01_01_100514_VXSE42.xml')));
    await handler.onReport(parseJmaXml(sample('20210216071046_0_VXSE53_270000.xml')));
    expect(await rounds()).toHaveLength(1);
  });

  it('取消 before anyone answered cancels the round and tells the admins', async () => {
    await handler.onReport(parseJmaXml(sample('32-35_06_06_100915_VXSE53.xml')));
    expect((await rounds())[0]?.status).toBe('cancelled');
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000);
    const notices = (await app.db.query<{ recipient_id: string }>("select recipient_id from deliveries where purpose = 'round-notice'")).rows;
    expect(notices).toEqual([{ recipient_id: 'admin-j' }]);
  });

  it('a 大津波警報 through the feed poller starts a tsunami round for 東京 and 宮城', async () => {
    clock.set('2011-03-11T06:00:00Z');
    const file = '32-39_11_02_120615_VTSE41.xml';
    const server: Server = createServer((req, res) => {
      if (req.url === '/eqvol.xml') {
        res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': 'Fri, 11 Mar 2011 06:00:00 GMT' });
        res.end(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>高頻度（地震火山）</title><updated>2011-03-11T06:00:00+09:00</updated><id>urn:feed</id>
<entry><title>津波警報・注意報・予報a</title><id>urn:${file}</id><updated>2011-03-11T06:00:00+09:00</updated><author><name>気象庁</name></author><link type="application/xml" href="http://127.0.0.1:${(server.address() as { port: number }).port}/${file}"/></entry></feed>`);
      } else if (req.url === `/${file}`) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(sample(file));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const poller = createJmaPoller({
        feedUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/eqvol.xml`,
        intervalMs: 60_000,
        onReport: (report) => handler.onReport(report),
        seen: jmaSeenStore(app.db),
        logger: createLogger('silent'),
        clock,
      });
      const first = await poller.pollOnce();
      expect(first.processed).toBe(1);
      expect((await poller.pollOnce()).processed).toBe(0);
    } finally {
      server.close();
    }
    const tsunami = (await rounds()).find((r) => r.event_id === '20110311144640');
    expect(tsunami).toMatchObject({ kind: 'tsunami', status: 'open', source: 'jma' });
    const who = await recipientsOf('20110311144640');
    expect(who.some((u) => u.startsWith('tokyo-'))).toBe(true);
    expect(who.some((u) => u.startsWith('miyagi-'))).toBe(true);
    expect(who.some((u) => u.startsWith('osaka-'))).toBe(false);
  });
});
