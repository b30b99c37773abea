import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../src/graph/client';
import { createPresenceReader, PRESENCE_BATCH_SIZE } from '../src/graph/presence';
import { createLogger } from '../src/log/logger';
import { MAX_PRESENCE_IDS, startFakeCloud, type FakeCloud } from './support/fake-cloud/index';

const logger = createLogger('silent');
const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${String(i + 1).padStart(5, '0')}`);

describe('Teams presence through the local Graph', () => {
  let cloud: FakeCloud;
  const reader = (extra: Partial<Parameters<typeof createPresenceReader>[0]> = {}) =>
    createPresenceReader({ client: createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test' }), logger, ...extra });

  beforeAll(async () => {
    cloud = await startFakeCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });
  beforeEach(() => cloud.state.presence.reset());

  it('the stand-in follows the documented shape: 401 without a token, 400 over 650 ids', async () => {
    const post = (body: unknown, auth = true) =>
      fetch(`${cloud.graphUrl}/v1.0/communications/getPresencesByUserId`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer x' } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post({ ids: ['a'] }, false)).status).toBe(401);
    expect((await post({ ids: ids(MAX_PRESENCE_IDS + 1) })).status).toBe(400);
    cloud.state.presence.set('a', 'Away', 'Away');
    const ok = await post({ ids: ['a', 'b'] });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { value: { id: string; availability: string }[] };
    expect(body.value.map((p) => [p.id, p.availability])).toEqual([['a', 'Away'], ['b', 'PresenceUnknown']]);
  });

  it('reads 1,500 people in batches of at most 650, following nextLink pages', async () => {
    const everyone = ids(1500);
    everyone.forEach((id, i) => cloud.state.presence.set(id, i % 2 ? 'Away' : 'Available'));
    cloud.state.presence.pageSize = 200;
    const got = await reader().read(everyone);
    expect(PRESENCE_BATCH_SIZE).toBe(MAX_PRESENCE_IDS);
    expect(cloud.state.presence.calls).toEqual([650, 650, 200]);
    expect(got).toHaveLength(1500);
    expect(new Set(got.map((p) => p.userId)).size).toBe(1500);
    expect(got.find((p) => p.userId === 'user-00002')).toMatchObject({ availability: 'Away', activity: 'Away' });
  });

  it('waits out a short Retry-After and retries the batch', async () => {
    cloud.state.presence.set('user-00001', 'Busy');
    cloud.state.presence.throttle.remaining = 1;
    cloud.state.presence.throttle.retryAfterSeconds = 0.05;
    const got = await reader().read(['user-00001']);
    expect(cloud.state.presence.throttled).toBe(1);
    expect(got).toEqual([{ userId: 'user-00001', availability: 'Busy', activity: 'Busy' }]);
  });

  it('a long Retry-After pauses reading until it has passed, without throwing', async () => {
    let now = 1_000_000;
    const r = reader({ now: () => now, maxWaitMs: 1000 });
    cloud.state.presence.throttle.remaining = 1;
    cloud.state.presence.throttle.retryAfterSeconds = 30;
    expect(await r.read(ids(700))).toEqual([]);
    expect(await r.read(ids(700))).toEqual([]); // still paused: Graph is not asked
    expect(cloud.state.presence.throttled).toBe(1);
    expect(cloud.state.presence.calls).toEqual([]);
    now += 31_000;
    expect(await r.read(ids(700))).toHaveLength(700);
    expect(cloud.state.presence.calls).toEqual([650, 50]);
  });

  it('a Graph that cannot be reached gives no presence and no exception', async () => {
    const down = createPresenceReader({ client: createGraphClient({ baseUrl: 'http://127.0.0.1:9/', staticToken: 'x', timeoutMs: 2000 }), logger });
    await expect(down.read(['a', 'b'])).resolves.toEqual([]);
  });
});
