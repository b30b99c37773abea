import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EarthquakeReport, Intensity, JmaReport } from '../../src/domain/safety/jma';
import { createJmaHandler } from '../../src/features/rounds/jma';
import { createJmaPoller, type SeenStore } from '../../src/feeds/jma-poller';
import { startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { captureLog } from '../support/log-capture';
import { seedPeople } from '../support/people';

const FIXTURES = path.resolve(__dirname, '../fixtures/jma');


const memorySeen = (): SeenStore & { ids: Set<string> } => {
  const ids = new Set<string>();
  return { ids, has: async (id) => ids.has(id), add: async (id) => void ids.add(id) };
};

const feedOf = (base: string, file: string, title = '震源・震度に関する情報') =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>eqvol</title><updated>2024-03-15T01:20:00Z</updated><id>urn:feed</id>
<entry><title>${title}</title><id>urn:${file}</id><updated>2024-03-15T01:20:00Z</updated><author><name>気象庁</name></author><link type="application/xml" href="${base}/data/${file}"/></entry></feed>`;

describe('JMA downloads are size-capped and read as a stream', () => {
  let server: Server | undefined;
  let base = '';
  const serve = async (handler: (url: string, res: ServerResponse) => void) => {
    server = createServer((req, res) => handler(req.url ?? '/', res));
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });
  const poller = (log: ReturnType<typeof captureLog>, onReport: (r: JmaReport) => Promise<void> = async () => undefined, seen = memorySeen()) =>
    createJmaPoller({ feedUrl: `${base}/eqvol.xml`, intervalMs: 60_000, requestTimeoutMs: 20_000, onReport, seen, logger: log.logger, clock: new FakeClock('2024-03-15T01:21:00Z') });

  it('aborts a feed that never ends once it passes the cap, long before the request timeout', async () => {
    await serve((_url, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      const chunk = `<!--${'x'.repeat(64 * 1024)}-->`;
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
    });
    const log = captureLog();
    const t0 = Date.now();
    const result = await poller(log).pollOnce();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(result).toMatchObject({ errors: 1, processed: 0 });
    expect(JSON.stringify(log.lines())).toMatch(/too large/);
  });

  it('refuses a feed whose declared length is over the cap without reading it', async () => {
    await serve((_url, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': String(50 * 1024 * 1024) });
      res.write('<feed>');
    });
    const t0 = Date.now();
    const result = await poller(captureLog()).pollOnce();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(result).toMatchObject({ errors: 1, processed: 0 });
  });

  it('skips an oversized report document (logged, marked seen, never handed over)', async () => {
    const file = '20240315012000_0_VXSE53_010000.xml';
    await serve((url, res) => {
      res.writeHead(200, { 'content-type': url === '/eqvol.xml' ? 'application/atom+xml' : 'application/xml' });
      if (url === '/eqvol.xml') return void res.end(feedOf(base, file));
      res.end(`<Report>${'<!-- padding -->'.repeat(400_000)}</Report>`);
    });
    const handed: JmaReport[] = [];
    const seen = memorySeen();
    const log = captureLog();
    const result = await poller(log, async (r) => void handed.push(r), seen).pollOnce();
    expect(handed).toEqual([]);
    expect(result).toMatchObject({ skipped: 1, processed: 0 });
    expect(seen.ids.has(`urn:${file}`)).toBe(true);
    expect(log.lines().some((l) => l.level >= 50 && /too large/.test(JSON.stringify(l)))).toBe(true);
  });

  it('warns with the title when a relevant entry holds a telegram of an unknown title', async () => {
    const file = '20240315012000_0_VXSE53_010000.xml';
    const xml = readFileSync(path.join(FIXTURES, 'vxse53-issue.xml'), 'utf8').replace('<Title>震源・震度に関する情報</Title>', '<Title>震源・震度に関する情報（新）</Title>');
    await serve((url, res) => {
      res.writeHead(200, { 'content-type': url === '/eqvol.xml' ? 'application/atom+xml' : 'application/xml' });
      res.end(url === '/eqvol.xml' ? feedOf(base, file) : xml);
    });
    const handed: JmaReport[] = [];
    const log = captureLog();
    const result = await poller(log, async (r) => void handed.push(r)).pollOnce();
    expect(result.processed).toBe(1);
    expect(handed).toEqual([{ kind: 'other', title: '震源・震度に関する情報（新）', status: '通常' }]);
    const warn = log.lines().find((l) => l.level === 40 && l.title === '震源・震度に関する情報（新）');
    expect(warn).toBeDefined();
  });
});

describe('JMA reports the bot cannot act on, and stronger updates', () => {
  const TENANT = 'tenant-jma-h';
  const clock = new FakeClock('2026-03-01T01:00:00Z');
  let cloud: FakeCloud;
  let app: TestApp;
  const log = captureLog();
  let handler: ReturnType<typeof createJmaHandler>;
  const quake = (serial: number, maxIntensity: Intensity): EarthquakeReport => ({
    kind: 'earthquake',
    infoKind: 'VXSE53',
    title: '震源・震度に関する情報',
    headTitle: '震源・震度情報',
    status: '通常',
    infoType: '発表',
    eventId: '20260301095500',
    reportDateTime: '2026-03-01T10:00:00+09:00',
    serial,
    headline: '地震がありました。',
    maxIntensity,
    prefectures: [{ code: '13', name: '東京都', maxIntensity }],
  });
  const notices = async () => (await app.db.query<{ recipient_id: string }>("select recipient_id from deliveries where purpose = 'round-notice' order by 1")).rows;

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({}, { clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT,
      connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'jma-admin', name: 'Admin', department: 'HR', isAdmin: true, officePrefecture: '13' },
        { id: 'jma-tokyo', name: 'Tokyo', department: 'Ops', officePrefecture: '13' },
      ],
    });
    handler = createJmaHandler({ db: app.db, rounds: app.rounds, clock, logger: log.logger, jma: { pollSeconds: 60, threshold: '5-', tsunamiKinds: ['major_warning', 'warning'], aftershockHours: 6, drill: false } });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('a telegram of an unknown title is logged as a warning with its title and the admins are told, once a day', async () => {
    await handler.onReport({ kind: 'other', title: '震度速報（新形式）', status: '通常' });
    await handler.onReport({ kind: 'other', title: '震度速報（新形式）', status: '通常' });
    expect(log.lines().some((l) => l.level === 40 && l.title === '震度速報（新形式）')).toBe(true);
    expect(await notices()).toEqual([{ recipient_id: 'jma-admin' }]);
  });

  it('a drill or test telegram of an unknown title tells nobody', async () => {
    await handler.onReport({ kind: 'other', title: '訓練用の電文', status: '訓練' });
    await handler.onReport({ kind: 'other', title: '試験用の電文', status: '試験' });
    expect(await notices()).toHaveLength(1);
  });

  it('a stronger update without a new prefecture stores the new maximum intensity', async () => {
    await handler.onReport(quake(1, '5-'));
    const round = async () => (await app.db.query<{ max_intensity: string; prefectures: string[] }>("select max_intensity, prefectures from safety_rounds where event_id = '20260301095500'")).rows;
    expect(await round()).toEqual([{ max_intensity: '5-', prefectures: ['13'] }]);
    await handler.onReport(quake(2, '6+'));
    expect(await round()).toEqual([{ max_intensity: '6+', prefectures: ['13'] }]);
  });
});
