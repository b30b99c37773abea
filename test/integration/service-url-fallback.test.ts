import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db';
import { openTestPglite } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { enqueueFanout, insertRefs, testWorker, waitUntil } from '../support/fanout';

const TENANT = 'tenant-service-url';

/**
 * Before a tenant's first message the bot does not know where its conversations live and tries
 * BOT_SERVICE_URL. That guess must not be remembered: once the tenant's first activity brings the real
 * service URL, a card still waiting for its conversation goes there at its next attempt, not a minute later.
 */
describe('the BOT_SERVICE_URL fallback is not cached', () => {
  let db: Db;
  let cloud: FakeCloud;
  let fallback: Server;
  let fallbackUrl = '';
  let fallbackCalls = 0;

  beforeAll(async () => {
    db = await openTestPglite();
    cloud = await startFakeCloud();
    // The guessed service URL is the wrong region: it answers 503, so the card is retried.
    fallback = createServer((_req, res) => {
      fallbackCalls += 1;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"ServiceUnavailable"}}');
    });
    await new Promise<void>((resolve) => fallback.listen(0, '127.0.0.1', () => resolve()));
    fallbackUrl = `http://127.0.0.1:${(fallback.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    await cloud?.stop();
    fallback?.close();
    await db?.close();
  });

  it("a card queued before the tenant's first message goes to the real service URL as soon as it is known", async () => {
    const [recipient] = cloud.state.addUsers(1, TENANT, { installed: true, prefix: 'early-' }).map((u) => u.aadObjectId);
    await enqueueFanout(db, { recipients: [recipient as string], tenantId: TENANT, batchId: 'before-first-message' });
    const worker = testWorker(db, { rate: 50, defaultServiceUrl: fallbackUrl });
    worker.start();
    try {
      await waitUntil(async () => fallbackCalls > 0, 10_000, 20);
      // The tenant's first message: someone's conversation reference, with the tenant's service URL.
      await insertRefs(db, ['first-speaker'], TENANT, cloud.connectorUrl);
      const known = Date.now();
      // At its next attempt (backoff ≤ 1 s here); the cached guess would hold it for 60 s, past its last attempt.
      await waitUntil(async () => cloud.state.cardsFor(recipient as string).length === 1, 30_000, 20);
      expect(Date.now() - known).toBeLessThan(30_000);
    } finally {
      await worker.stop(1000);
    }
    const row = await db.query<{ status: string }>('select status from deliveries where recipient_id = $1', [recipient]);
    expect(row.rows).toEqual([{ status: 'sent' }]);
  });
});
