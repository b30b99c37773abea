// Card updates never go backwards: when two updates of the same card wait (the first was throttled,
// or the worker was busy), only the newest is sent — an older one sent after it would put the older
// content back on the person's card (seen as an Intune expiry card replaced by the request card).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, PURPOSES } from '../../src/delivery/outbox';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { seedRecipients, testWorker, textCardMessage, waitUntil } from '../support/fanout';

const TENANT = 'tenant-update-order';
const card = textCardMessage;

describe.each(storeKinds())('card updates in order on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let cloud: FakeCloud;

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    cloud = await startFakeCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
    await close?.();
  });

  it('of two waiting updates of one card only the newest is sent; the older is cancelled', async () => {
    const [person] = await seedRecipients(db, cloud.state, { n: 1, tenantId: TENANT, connectorUrl: cloud.connectorUrl });
    const recipientId = person as string;
    const arrived = (text: string) => cloud.state.delivered.filter((d) => JSON.stringify(d.activity).includes(text));
    const status = async (key: string) => (await db.query<{ status: string }>('select status from deliveries where idempotency_key = $1', [key])).rows[0]?.status;
    let worker = testWorker(db, { rate: 50 });
    const outbox = createOutbox(() => worker.wake());
    await db.transaction((tx) => outbox.enqueue(tx, { key: 'card', tenantId: TENANT, batchId: 'b', purpose: PURPOSES.incidentUpdate, recipientId, activity: card('version 1') }));
    worker.start();
    await waitUntil(async () => (await status('card')) === 'sent', 10_000, 20);
    await worker.stop(1000);

    // Two updates wait while no worker runs (as after a 429's Retry-After): then the worker comes back.
    for (const version of [2, 3]) {
      await db.transaction((tx) =>
        outbox.enqueueUpdate(tx, { key: `card:v${version}`, tenantId: TENANT, batchId: 'b', purpose: PURPOSES.incidentUpdate, recipientId, activity: card(`version ${version}`), updateOf: 'card' }),
      );
    }
    worker = testWorker(db, { rate: 50 });
    worker.start();
    try {
      await waitUntil(async () => (await status('card:v3')) === 'sent' && (await status('card:v2')) !== 'claimed', 10_000, 20);
      expect(arrived('version 3')).toHaveLength(1);
      expect(arrived('version 2')).toHaveLength(0);
      expect(await status('card:v2')).toBe('cancelled');
    } finally {
      await worker.stop(1000);
    }
  }, 60_000);
});
