// A person removed the app and added it again (or Teams dropped the chat): the stored conversation
// answers 404 "Conversation not found" although the person exists. The card must still arrive, once,
// in a new conversation; only a person who is really gone fails as user_gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchStatus, pendingCount } from '../../src/delivery/status';
import { createGraphClient } from '../../src/graph/client';
import { createAppInstaller } from '../../src/graph/installed-apps';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { enqueueFanout, seedRecipients, testWorker, waitUntil } from '../support/fanout';

const TENANT = 'tenant-stale';

describe.each(storeKinds())('stale conversations on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let cloud: FakeCloud;

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    cloud = await startFakeCloud({});
  });
  afterAll(async () => {
    await cloud?.stop();
    await close?.();
  });

  it('a gone conversation is replaced by a new one (installing the app when needed) and the card arrives once', async () => {
    const seeded = await seedRecipients(db, cloud.state, { n: 4, tenantId: TENANT, connectorUrl: cloud.connectorUrl, prefix: 'stale' });
    const [kept, reinstalled, uninstalled, gone] = seeded.map((user) => user ?? '') as [string, string, string, string];
    // Three stored conversations disappear; one person also removed the app; one person left the company.
    for (const user of [reinstalled, uninstalled, gone]) cloud.state.removeConversation(`a:conv-${user}`);
    cloud.state.installed.delete(uninstalled);
    cloud.faults.goneUsers.add(gone);
    await enqueueFanout(db, { recipients: [kept, reinstalled, uninstalled, gone], tenantId: TENANT, batchId: 'stale-1' });

    const graph = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test' });
    const worker = testWorker(db, { rate: 50, installer: createAppInstaller({ client: graph, teamsAppId: cloud.state.app.id }) });
    worker.start();
    try {
      await waitUntil(async () => (await pendingCount(db)) === 0, 20_000, 50);
    } finally {
      await worker.stop(1000);
    }

    const counts = cloud.state.countByUser();
    expect([kept, reinstalled, uninstalled, gone].map((user) => counts.get(user) ?? 0)).toEqual([1, 1, 1, 0]);
    expect(await batchStatus(db, 'stale-1')).toMatchObject({ total: 4, sent: 3, failed: 1, failedByReason: { user_gone: 1 } });
    const rows = await db.query<{ recipient_id: string; status: string; reopened: boolean; conversation_id: string | null }>(
      `select d.recipient_id, d.status, d.conversation_reopened_at is not null as reopened, c.conversation_id
       from deliveries d left join conversation_refs c on c.user_id = d.recipient_id where d.batch_id = 'stale-1' order by d.recipient_id`,
    );
    const byUser = new Map(rows.rows.map((row) => [row.recipient_id, row]));
    expect(byUser.get(kept)).toMatchObject({ status: 'sent', reopened: false, conversation_id: `a:conv-${kept}` });
    // Recorded on the delivery, and the new conversation is the one remembered for the next card.
    for (const user of [reinstalled, uninstalled]) {
      expect(byUser.get(user)).toMatchObject({ status: 'sent', reopened: true });
      expect(byUser.get(user)?.conversation_id).not.toBe(`a:conv-${user}`);
      expect(cloud.state.removedConversations.has(byUser.get(user)?.conversation_id ?? '')).toBe(false);
    }
    expect(cloud.state.installed.has(uninstalled)).toBe(true);
    expect(byUser.get(gone)).toMatchObject({ status: 'failed', reopened: true, conversation_id: null });
  });
});
