import type { Db } from '../../src/store/db';
import { deliveryKey } from '../../src/delivery/outbox';
import { createPacer } from '../../src/delivery/pacer';
import { createDeliveryStore } from '../../src/delivery/store';
import { createBotConnector, type BotConnector } from '../../src/delivery/connector-client';
import type { RetryPolicy } from '../../src/delivery/policy';
import { createDeliveryWorker, type AppInstaller, type DeliveryWorker, type Reconciler } from '../../src/delivery/worker';
import { createGraphClient } from '../../src/graph/client';
import { createAppInstaller } from '../../src/graph/installed-apps';
import { createReconciler } from '../../src/graph/reconciler';
import { createLogger } from '../../src/log/logger';
import type { FakeCloudState } from './fake-cloud';

const FAST_RETRY = { maxAttempts: 8, baseMs: 50, capMs: 1000, throttleFallbackMs: 200 };

/** Users known to the fake cloud with a conversation the bot already has (stored reference). */
export async function seedRecipients(db: Db, state: FakeCloudState, p: { n: number; tenantId: string; connectorUrl: string; prefix?: string }): Promise<string[]> {
  const users = state.addUsers(p.n, p.tenantId, { installed: true, prefix: p.prefix });
  for (const u of users) {
    state.registerConversation(`a:conv-${u.aadObjectId}`, { conversation: { tenantId: p.tenantId }, recipient: { aadObjectId: u.aadObjectId, id: u.teamsUserId } });
  }
  const ids = users.map((u) => u.aadObjectId);
  await insertRefs(db, ids, p.tenantId, p.connectorUrl);
  return ids;
}

/** Stored conversation references `a:conv-<user>` at the connector, in multi-row inserts. */
export async function insertRefs(db: Db, users: readonly string[], tenantId: string, connectorUrl: string): Promise<void> {
  for (let i = 0; i < users.length; i += 500) {
    const vals: unknown[] = [];
    const ph = users.slice(i, i + 500).map((u, j) => {
      vals.push(u, tenantId, `a:conv-${u}`, connectorUrl, JSON.stringify({ conversation: { id: `a:conv-${u}` } }));
      return `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`;
    });
    await db.query(`insert into conversation_refs (user_id, tenant_id, conversation_id, service_url, reference) values ${ph.join(',')}`, vals);
  }
}

/** One card per recipient, in one transaction, in multi-row inserts (as a round start does). */
export async function enqueueFanout(db: Db, p: { recipients: readonly string[]; tenantId: string; batchId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < p.recipients.length; i += 1000) {
      const chunk = p.recipients.slice(i, i + 1000);
      const vals: unknown[] = [];
      const rows = chunk.map((r, j) => {
        const activity = {
          type: 'message',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Hello ${r} (${p.batchId})` }] } }],
        };
        vals.push(deliveryKey('broadcast', r, p.batchId), p.tenantId, p.batchId, 'broadcast', r, JSON.stringify(activity));
        const b = j * 6;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
      });
      await tx.query(
        `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, activity) values ${rows.join(',')} on conflict do nothing`,
        vals,
      );
    }
  });
}

/**
 * A delivery worker as the app builds it, for tests: fast retries, a 50 ms poll, no token. The
 * knobs a test turns (its own connector, a short lease or deadline, a Graph reconciler) are options.
 */
export function testWorker(
  db: Db,
  p: {
    rate: number;
    installer?: AppInstaller;
    reconciler?: Reconciler;
    logLevel?: string;
    defaultServiceUrl?: string;
    connector?: BotConnector;
    retry?: RetryPolicy;
    leaseSeconds?: number;
    requestTimeoutMs?: number;
    settleMs?: number;
  },
): DeliveryWorker {
  return createDeliveryWorker({
    db,
    store: createDeliveryStore(db),
    pacer: createPacer(db, p.rate),
    connector: p.connector ?? createBotConnector({ tokens: { getToken: async () => undefined }, timeoutMs: 15_000 }),
    logger: createLogger(p.logLevel ?? 'silent'),
    ratePerSecond: p.rate,
    retry: p.retry ?? FAST_RETRY,
    defaultServiceUrl: p.defaultServiceUrl ?? 'http://127.0.0.1:9/unused',
    installer: p.installer,
    reconciler: p.reconciler,
    leaseSeconds: p.leaseSeconds,
    pollMs: 50,
    requestTimeoutMs: p.requestTimeoutMs ?? 15_000,
    settleMs: p.settleMs ?? 1000,
  });
}

/** Settles uncertain sends through the stand-in's Graph, as production does (chat by installed app, then its messages). */
export function graphReconciler(cloud: { graphUrl: string; state: FakeCloudState }): Reconciler {
  const graph = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test' });
  return createReconciler({ client: graph, chats: createAppInstaller({ client: graph, teamsAppId: cloud.state.app.id }) });
}

export async function waitUntil(cond: () => Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** A message with a one-line Adaptive Card, for delivery tests that look for its text at the stand-in connector. */
export const textCardMessage = (text: string) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] } }],
});
