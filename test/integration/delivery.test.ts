import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchStatus, pendingCount } from '../../src/delivery/status';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { enqueueFanout, graphReconciler, seedRecipients, testWorker, waitUntil } from '../support/fanout';

const RATE = 250; // the test runs the tenant limit at 250/s (the real one is 50/s) to stay fast
const TENANT = 'tenant-fanout';

describe.each(storeKinds())('delivery engine on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let cloud: FakeCloud;

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    cloud = await startFakeCloud({
      retryAfterSeconds: 0.05,
      limits: { tenant: [{ limit: RATE, windowMs: 1000 }] },
      faults: { p429: 0.05, p503: 0.02, seed: 42 },
    });
  });
  afterAll(async () => {
    await cloud?.stop();
    await close?.();
  });

  it('2,000 recipients under 5 % 429 and 2 % 503: exactly one card each, terminal failures only for 403/404', async () => {
    const recipients = await seedRecipients(db, cloud.state, { n: 2000, tenantId: TENANT, connectorUrl: cloud.connectorUrl });
    const blocked = recipients.slice(0, 7);
    const gone = recipients.slice(7, 12);
    blocked.forEach((u) => cloud.faults.forbiddenUsers.add(u));
    gone.forEach((u) => cloud.faults.goneUsers.add(u));
    await enqueueFanout(db, { recipients, tenantId: TENANT, batchId: 'round-1' });

    // As in production: a send that timed out is checked through Graph before it is sent again.
    const worker = testWorker(db, { rate: RATE, reconciler: graphReconciler(cloud) });
    worker.start();
    try {
      await waitUntil(async () => (await pendingCount(db)) === 0, 90_000, 200);
    } finally {
      await worker.stop(1000);
    }

    const counts = cloud.state.countByUser();
    for (const u of recipients.slice(12)) expect(counts.get(u) ?? 0, u).toBe(1);
    for (const u of [...blocked, ...gone]) expect(counts.get(u) ?? 0).toBe(0);
    const status = await batchStatus(db, 'round-1');
    expect(status).toMatchObject({ total: 2000, sent: 1988, failed: 12, queued: 0, retrying: 0, inFlight: 0 });
    expect(status.failedByReason).toEqual({ blocked: 7, user_gone: 5 });
    const failed = await db.query<{ recipient_id: string; failure_reason: string }>(
      "select recipient_id, failure_reason from deliveries where status = 'failed' order by recipient_id",
    );
    expect(failed.rows).toEqual([...blocked.map((u) => ({ recipient_id: u, failure_reason: 'blocked' })), ...gone.map((u) => ({ recipient_id: u, failure_reason: 'user_gone' }))]);
    // Every accepted request stayed within the tenant's limit; the injected faults really happened.
    expect(cloud.state.maxInWindow(TENANT, 1000)).toBeLessThanOrEqual(RATE);
    expect(cloud.state.counters.injected429).toBeGreaterThan(50);
    expect(cloud.state.counters.injected503).toBeGreaterThan(10);
    // Sent rows carry the Teams activity id, so the card can be updated later.
    const ids = await db.query<{ n: number }>("select count(distinct activity_id)::int as n from deliveries where status = 'sent'");
    expect(ids.rows[0]?.n).toBe(1988);
  }, 120_000);
});
