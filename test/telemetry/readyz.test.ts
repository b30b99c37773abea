import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadiness } from '../../src/telemetry/readiness';
import type { Db } from '../../src/store/db';
import { startTestApp, type TestApp } from '../support/app';
import { openTestPglite } from '../support/db';

const get = async (app: TestApp, path: string) => {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, body: (await res.json()) as { status: string; checks?: Record<string, string> } };
};

describe('/readyz names the part that is not ready', () => {
  let db: Db;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestPglite();
    app = await startTestApp({}, { db });
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close().catch(() => undefined);
  });

  it('is ready when the database answers and the job queue and the delivery worker run', async () => {
    // details: the active round trigger rules (ROUND_RULES_FILE, here the JMA_* defaults), issue 22.
    const rules = ['earthquake: 震度 ≥ 5- → start, repeat block 360 min', 'tsunami: tsunami major_warning|warning → start, repeat block 360 min'];
    expect(await get(app, '/readyz')).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', queue: 'ok', worker: 'ok' }, details: { roundRules: rules } } });
    expect((await get(app, '/healthz')).status).toBe(200);
  });

  it('says 503 worker stopped when the delivery worker is stopped', async () => {
    await app.worker.stop(0);
    expect(await get(app, '/readyz')).toMatchObject({ status: 503, body: { status: 'not ready', checks: { database: 'ok', queue: 'ok', worker: 'stopped' } } });
    app.worker.start();
    expect((await get(app, '/readyz')).status).toBe(200);
  });

  it('says 503 database failing when the database is closed, and /healthz still answers', async () => {
    await db.close();
    const ready = await get(app, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not ready');
    expect(ready.body.checks?.database).toBe('failing');
    expect((await get(app, '/healthz')).status).toBe(200);
  });
});

describe('readiness checks', () => {
  it('are "starting" until the app is wired', async () => {
    expect(await checkReadiness(undefined)).toEqual({ ready: false, checks: { database: 'starting', queue: 'starting', worker: 'starting' } });
  });

  it('answer within the time limit when a part hangs, and name it', async () => {
    const hang = () => new Promise<boolean>(() => undefined);
    const startedAt = Date.now();
    const r = await checkReadiness({ database: hang, queue: async () => true, worker: () => true }, 100);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(r).toEqual({ ready: false, checks: { database: 'timeout', queue: 'ok', worker: 'ok' } });
  });

  it('report a probe that throws as failing and one that answers false as stopped', async () => {
    const r = await checkReadiness({ database: async () => true, queue: async () => Promise.reject(new Error('down')), worker: () => false });
    expect(r).toEqual({ ready: false, checks: { database: 'ok', queue: 'failing', worker: 'stopped' } });
  });
});
