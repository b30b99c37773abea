import { createRequire } from 'node:module';
import { metrics as otelMetrics, trace } from '@opentelemetry/api';
import { MeterProvider, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { executeActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { organisation, seedPeople } from '../support/people';
import { InMemoryReader } from './in-memory-reader';

const TENANT = 'tenant-telemetry';
const clock = new FakeClock('2026-11-24T01:00:00Z');
const org = organisation(30, 2);
const BLOCKED = ['emp-0003', 'emp-0007'];
const answer = (roundId: string) => ({
  roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '',
});

describe('telemetry off: nothing is loaded', () => {
  it('starts without an exporter and the OpenTelemetry API stays a no-op', async () => {
    const app = await startTestApp();
    try {
      const res = await fetch(`${app.url}/readyz`);
      expect(res.status).toBe(200);
      const loaded = Object.keys(createRequire(__filename).cache);
      expect(loaded.filter((file) => /@azure[\\/]monitor-opentelemetry/.test(file))).toEqual([]);
      expect(otelMetrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
      const tracerProvider = trace.getTracerProvider() as ReturnType<typeof trace.getTracerProvider> & { getDelegate(): object };
      expect(tracerProvider.getDelegate().constructor.name).toBe('NoopTracerProvider');
    } finally {
      await app.stop();
    }
  });
});

describe('metrics of a safety round, read in memory', () => {
  const reader = new InMemoryReader();
  let cloud: FakeCloud;
  let app: TestApp;
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 60_000, 50);
  const stored = async (status: string, reason?: string) =>
    (await app.db.query<{ n: number }>('select count(*)::int as n from deliveries where status = $1 and ($2::text is null or failure_reason = $2)', [status, reason ?? null])).rows[0]?.n ?? 0;

  beforeAll(async () => {
    // Some 429s (short Retry-After) and two people who blocked the bot.
    cloud = await startFakeCloud({ retryAfterSeconds: 0.05, faults: { p429: 0.2, seed: 11 } });
    BLOCKED.forEach((id) => cloud.faults.forbiddenUsers.add(id));
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '200' }, { clock, overrides: { meterProvider: new MeterProvider({ readers: [reader] }) } });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: [...org.members, ...org.managers, ...org.admins] });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('counts sent, throttled and failed deliveries exactly as stored and as the connector answered', async () => {
    const form = { kind: 'earthquake', scope: 'everyone', drill: 'true', message: '' };
    const started = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, form));
    expect(started.status).toBe(200);
    await settle();

    const sent = await stored('sent');
    expect(sent).toBeGreaterThanOrEqual(org.members.length + org.managers.length - BLOCKED.length);
    // Counted when the worker records the outcome, so the counts can trail the rows by a moment.
    await waitUntil(async () => (await reader.sum('anshin.deliveries', { outcome: 'sent' })) === sent, 5000, 20);
    expect(await reader.sum('anshin.deliveries', { outcome: 'failed', reason: 'blocked' })).toBe(BLOCKED.length);
    expect(await stored('failed', 'blocked')).toBe(BLOCKED.length);
    const answered429 = cloud.state.counters.injected429 + cloud.state.counters.rateLimited429;
    expect(answered429).toBeGreaterThan(0);
    expect(await reader.sum('anshin.deliveries', { outcome: 'throttled' })).toBe(answered429);
  });

  it('counts a card refused before any request (too large) as failed too', async () => {
    const before = await reader.sum('anshin.deliveries', { outcome: 'failed', reason: 'too_large' });
    const huge = { type: 'message', text: 'x'.repeat(120_000) };
    await app.db.transaction((tx) =>
      app.outbox.enqueue(tx, { key: 'too-large-1', tenantId: TENANT, batchId: 'too-large', purpose: 'broadcast', recipientId: 'emp-0001', activity: huge }),
    );
    app.outbox.notify();
    await settle();
    expect(await stored('failed', 'too_large')).toBe(1);
    await waitUntil(async () => (await reader.sum('anshin.deliveries', { outcome: 'failed', reason: 'too_large' })) === before + 1, 5000, 20);
  });

  it('reports round progress and queue depth from the database at collection time', async () => {
    const round = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0];
    expect(round).toBeDefined();
    for (const id of ['emp-0001', 'emp-0002']) {
      const res = await app.post(executeActivity(who(id), VERBS.safetyAnswer, answer(round?.id ?? '')));
      expect(res.status).toBe(200);
    }
    expect(await reader.sum('anshin.rounds.open')).toBe(1);
    expect(await reader.sum('anshin.rounds.recipients', { state: 'answered' })).toBe(2);
    const recipients = (await app.db.query<{ n: number }>('select count(*)::int as n from round_recipients')).rows[0]?.n ?? 0;
    expect(await reader.sum('anshin.rounds.recipients')).toBe(recipients);
    await settle();
    const depth = await reader.points('anshin.delivery.queue.depth');
    expect(depth.map((p) => p.attributes.lane).sort()).toEqual(['bulk', 'urgent']);
    expect(await reader.sum('anshin.delivery.queue.depth')).toBe(0);
  });

  it('times every card action by verb', async () => {
    const points = (await reader.points('anshin.invoke.duration')) as DataPoint<Histogram>[];
    const byVerb = new Map(points.map((p) => [`${String(p.attributes.verb)}/${String(p.attributes.outcome)}`, p.value.count]));
    expect(byVerb.get(`${VERBS.roundStart}/ok`)).toBe(1);
    expect(byVerb.get(`${VERBS.safetyAnswer}/ok`)).toBe(2);
    expect(points.every((p) => p.value.min !== undefined && p.value.min >= 0)).toBe(true);
  });
});
