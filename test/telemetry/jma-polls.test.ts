import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createJmaPoller } from '../../src/feeds/jma-poller';
import { countJmaPolls } from '../../src/telemetry/jma';
import { createAppMetrics } from '../../src/telemetry/metrics';
import { FakeClock } from '../support/fake-clock';
import { InMemoryReader } from './in-memory-reader';

describe('JMA polls are counted by outcome', () => {
  it('counts a 304 as not_modified and a failing feed as error', async () => {
    const reader = new InMemoryReader();
    const metrics = createAppMetrics(new MeterProvider({ readers: [reader] }));
    const answers = [304, 500, 304];
    const poller = createJmaPoller({
      feedUrl: 'http://jma.invalid/eqvol.xml',
      fetch: async () => new Response(null, { status: answers.shift() ?? 304 }),
      intervalMs: 60_000,
      seen: { has: async () => false, add: async () => undefined },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      clock: new FakeClock('2026-11-24T01:00:00Z'),
      onReport: async () => undefined,
      onPolled: countJmaPolls(metrics),
    });
    for (let i = 0; i < 3; i++) await poller.pollOnce();

    const byOutcome = Object.fromEntries((await reader.points('anshin.jma.polls')).map((p) => [String(p.attributes.outcome), p.value]));
    expect(byOutcome).toEqual({ not_modified: 2, error: 1 });
  });
});
