import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyJmaReport as JmaReport } from '../../src/domain/safety/jma-weather';
import { createJmaPoller, type JmaPollerOptions, type PollerLogger, type SeenStore } from '../../src/feeds/jma-poller';
import { createLogger } from '../../src/log/logger';
import { FakeClock } from '../support/fake-clock';

const OWN = path.resolve(__dirname, '../fixtures/jma');
const own = (file: string): string => readFileSync(path.join(OWN, file), 'utf8');

// pino's logger must fit the poller's logger port.
const _pinoFits: PollerLogger = createLogger('silent');

interface Doc {
  file: string;
  title: string;
  updated: string;
  xml: string;
}

/** A JMA-like server: an Atom feed honouring If-Modified-Since, and the report documents. */
class FakeJma {
  readonly docs: Doc[] = [];
  readonly requests: { path: string; ifModifiedSince: string | undefined }[] = [];
  lastModified = 'Fri, 15 Mar 2024 01:20:00 GMT';
  feedFailures = 0;
  readonly docOverrides = new Map<string, { status: number; body: string }>();
  private server: Server | undefined;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = req.url ?? '/';
      const ims = req.headers['if-modified-since'];
      this.requests.push({ path: url, ifModifiedSince: typeof ims === 'string' ? ims : undefined });
      if (url === '/eqvol.xml') {
        if (this.feedFailures > 0) {
          this.feedFailures -= 1;
          res.writeHead(500).end('oops');
        } else if (ims === this.lastModified) {
          res.writeHead(304).end();
        } else {
          res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': this.lastModified }).end(this.feed());
        }
        return;
      }
      const doc = this.docs.find((d) => url === `/data/${d.file}`);
      const override = doc && this.docOverrides.get(doc.file);
      if (override) res.writeHead(override.status).end(override.body);
      else if (doc) res.writeHead(200, { 'content-type': 'application/xml' }).end(doc.xml);
      else res.writeHead(404).end();
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  add(doc: Doc, lastModified?: string): void {
    this.docs.push(doc);
    if (lastModified) this.lastModified = lastModified;
  }

  id(file: string): string {
    return `${this.base}/data/${file}`;
  }

  docRequests(file: string): number {
    return this.requests.filter((r) => r.path === `/data/${file}`).length;
  }

  feedRequests(): { path: string; ifModifiedSince: string | undefined }[] {
    return this.requests.filter((r) => r.path === '/eqvol.xml');
  }

  private feed(): string {
    const entries = [...this.docs]
      .reverse() // newest first, like JMA
      .map(
        (d) => `<entry><title>${d.title}</title><id>${this.id(d.file)}</id><updated>${d.updated}</updated>` +
          `<author><name>気象庁</name></author><link type="application/xml" href="${this.id(d.file)}"/></entry>`,
      )
      .join('\n');
    const head = `<title>高頻度（地震火山）</title><updated>${this.docs.at(-1)?.updated ?? ''}</updated>`;
    return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" lang="ja">${head}\n${entries}\n</feed>`;
  }
}

/** A feed entry published on 2024-03-15 at `hhmm` UTC, named like JMA's files. */
const doc = (hhmm: string, kind: string, title: string, xml: string): Doc => ({
  file: `20240315${hhmm}00_0_${kind}_010000.xml`,
  title,
  updated: `2024-03-15T${hhmm.slice(0, 2)}:${hhmm.slice(2)}:00Z`,
  xml,
});
const TSUNAMI = doc('0118', 'VTSE41', '津波警報・注意報・予報a', own('vtse41-warning.xml'));
const QUAKE = doc('0120', 'VXSE53', '震源・震度に関する情報', own('vxse53-issue.xml'));
// Irrelevant to rounds: the tests check its document is never requested.
const VOLCANO = doc('0119', 'VFVO56', '噴火に関する火山観測報', '<Report/>');
const CANCEL = doc('0135', 'VXSE53', '震源・震度に関する情報', own('vxse53-cancel.xml'));

function recordingLogger(): PollerLogger & { lines: { level: string; obj: object; msg: string | undefined }[] } {
  const lines: { level: string; obj: object; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

function memorySeen(): SeenStore & { ids: Set<string> } {
  const ids = new Set<string>();
  return { ids, has: async (id) => ids.has(id), add: async (id) => void ids.add(id) };
}

describe('JMA poller against a local feed server', () => {
  let jma: FakeJma;
  let seen: ReturnType<typeof memorySeen>;
  let logger: ReturnType<typeof recordingLogger>;
  let reports: { report: JmaReport; url: string }[];
  let failNext: ((report: JmaReport) => boolean) | undefined;

  beforeEach(async () => {
    jma = new FakeJma();
    await jma.start();
    jma.add(TSUNAMI);
    jma.add(VOLCANO);
    jma.add(QUAKE);
    seen = memorySeen();
    logger = recordingLogger();
    reports = [];
    failNext = undefined;
  });
  afterEach(async () => {
    await jma.stop();
  });

  function poller(over: Partial<JmaPollerOptions> = {}) {
    return createJmaPoller({
      feedUrl: `${jma.base}/eqvol.xml`,
      intervalMs: 60_000,
      seen,
      logger,
      clock: new FakeClock('2024-03-15T01:21:00Z'),
      onReport: async (report, raw) => {
        if (failNext?.(report)) {
          failNext = undefined;
          throw new Error('database unavailable');
        }
        reports.push({ report, url: raw.url });
      },
      ...over,
    });
  }

  it('fetches new entries oldest first, then sends If-Modified-Since and gets 304', async () => {
    const p = poller();
    expect(await p.pollOnce()).toEqual({ fetched: 2, new: 2, notModified: false, processed: 2, skipped: 0, errors: 0 });
    expect(reports.map((r) => [r.report.kind, r.url])).toEqual([
      ['tsunami', jma.id(TSUNAMI.file)],
      ['earthquake', jma.id(QUAKE.file)],
    ]);
    expect(seen.ids).toEqual(new Set([jma.id(TSUNAMI.file), jma.id(QUAKE.file)]));
    expect(jma.docRequests(VOLCANO.file)).toBe(0);

    expect(await p.pollOnce()).toMatchObject({ fetched: 0, new: 0, notModified: true, errors: 0 });
    expect(jma.feedRequests().map((r) => r.ifModifiedSince)).toEqual([undefined, 'Fri, 15 Mar 2024 01:20:00 GMT']);
    expect(reports).toHaveLength(2);
  });

  it('fetches an entry published later exactly once', async () => {
    const p = poller();
    await p.pollOnce();
    jma.add(CANCEL, 'Fri, 15 Mar 2024 01:35:00 GMT');
    expect(await p.pollOnce()).toMatchObject({ fetched: 1, new: 1, processed: 1, notModified: false });
    expect(reports.at(-1)?.report).toMatchObject({ kind: 'earthquake', infoType: '取消' });
    expect(await p.pollOnce()).toMatchObject({ notModified: true });
    expect(jma.docRequests(CANCEL.file)).toBe(1);
    expect(jma.docRequests(QUAKE.file)).toBe(1);
  });

  it('logs a 500 from the feed and retries on the next poll', async () => {
    const p = poller();
    jma.feedFailures = 1;
    expect(await p.pollOnce()).toMatchObject({ fetched: 0, errors: 1, notModified: false });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'JMA feed poll failed' }));
    expect(await p.pollOnce()).toMatchObject({ fetched: 2, processed: 2, errors: 0 });
  });

  it('does not mark an entry seen when onReport throws, and hands it over again', async () => {
    const p = poller();
    failNext = (r) => r.kind === 'earthquake';
    expect(await p.pollOnce()).toMatchObject({ fetched: 2, processed: 1, errors: 1 });
    expect(seen.ids.has(jma.id(QUAKE.file))).toBe(false);
    expect(seen.ids.has(jma.id(TSUNAMI.file))).toBe(true);
    const failure = expect.objectContaining({ level: 'error', obj: expect.objectContaining({ id: jma.id(QUAKE.file) }) });
    expect(logger.lines).toContainEqual(failure);

    // The feed date was not remembered, so the next poll is not answered 304 and retries the entry.
    expect(await p.pollOnce()).toMatchObject({ fetched: 1, processed: 1, errors: 0, notModified: false });
    expect(jma.feedRequests()[1]?.ifModifiedSince).toBeUndefined();
    expect(reports.map((r) => r.report.kind)).toEqual(['tsunami', 'earthquake']);
    expect(await p.pollOnce()).toMatchObject({ notModified: true });
  });

  it('retries a document that failed to download; skips one that is not XML', async () => {
    const p = poller();
    jma.docOverrides.set(QUAKE.file, { status: 503, body: 'busy' });
    expect(await p.pollOnce()).toMatchObject({ fetched: 1, processed: 1, errors: 1 });
    expect(seen.ids.has(jma.id(QUAKE.file))).toBe(false);

    jma.docOverrides.set(QUAKE.file, { status: 200, body: '<Report><Control>' });
    expect(await p.pollOnce()).toMatchObject({ fetched: 1, processed: 0, skipped: 1, errors: 0 });
    expect(seen.ids.has(jma.id(QUAKE.file))).toBe(true);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'JMA report unreadable; skipped' }));
    expect(reports).toHaveLength(1);
  });

  it('survives a failing seen store', async () => {
    const p = poller({ seen: { has: async () => Promise.reject(new Error('db down')), add: async () => undefined } });
    expect(await p.pollOnce()).toMatchObject({ processed: 0, errors: 1 });
    expect(reports).toEqual([]);
  });

  it('shares one poll between concurrent callers', async () => {
    const p = poller();
    const [a, b] = await Promise.all([p.pollOnce(), p.pollOnce()]);
    expect(a).toBe(b);
    expect(jma.docRequests(QUAKE.file)).toBe(1);
  });
});

describe('JMA poller loop', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('backs off on errors (bounded), recovers, and stops', async () => {
    let calls = 0;
    let status = 500;
    const fakeFetch: typeof fetch = async () => {
      calls += 1;
      return new Response(status === 304 ? null : 'x', { status });
    };
    const logger = recordingLogger();
    const p = createJmaPoller({
      feedUrl: 'https://jma.invalid/eqvol.xml',
      fetch: fakeFetch,
      intervalMs: 100,
      maxBackoffMs: 400,
      onReport: async () => undefined,
      seen: memorySeen(),
      logger,
      clock: new FakeClock('2024-03-15T01:21:00Z'),
    });
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toBe(1); // 1st back-off: 200 ms
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(399);
    expect(calls).toBe(2); // 2nd: 400 ms
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
    status = 304;
    await vi.advanceTimersByTimeAsync(400); // capped at 400 ms, not 800
    expect(calls).toBe(4);
    await vi.advanceTimersByTimeAsync(100); // healthy again: the normal interval
    expect(calls).toBe(5);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(3);

    await p.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(5);
  });
});
