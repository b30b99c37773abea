import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, graphErrorInfo } from '../src/graph/client';
import { createAppInstaller, graphPacerKey, GRAPH_INSTALL_RATE_PER_SECOND, type GraphAppInstaller } from '../src/graph/installed-apps';
import { canonical, createReconciler } from '../src/graph/reconciler';
import { createPacer } from '../src/delivery/pacer';
import type { Reconciler } from '../src/delivery/worker';
import type { Db } from '../src/store/db';
import { openTestPglite } from './support/db';
import { startFakeCloud, type FakeCloud } from './support/fake-cloud/index';

const TENANT = 'tenant-g';
const BOT = '00000000-0000-0000-0000-00000000b075';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] });

let cloud: FakeCloud;
let db: Db;
let installer: GraphAppInstaller;
/** The tests name a delivery by its key; the worker hands the reconciler the claimed row itself. */
let reconciler: { find(p: { tenantId: string; recipientId: string; key: string }): ReturnType<Reconciler['find']> };
let seq = 0;

async function sendCard(aad: string, content: unknown): Promise<{ conversationId: string; activityId: string }> {
  const conv = await fetch(`${cloud.connectorUrl}/v3/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bot: { id: `28:${BOT}` }, members: [{ id: `29:${aad}` }], isGroup: false, tenantId: TENANT }),
  });
  expect(conv.status).toBe(201);
  const conversationId = String(((await conv.json()) as { id: unknown }).id);
  const sent = await fetch(`${cloud.connectorUrl}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', attachments: [{ contentType: ADAPTIVE, content }] }),
  });
  expect(sent.status).toBe(201);
  return { conversationId, activityId: String(((await sent.json()) as { id: unknown }).id) };
}

/** A delivery row as the outbox writes it; `createdAt` defaults to now. */
async function insertDelivery(recipientId: string, content: unknown, createdAt?: Date): Promise<string> {
  const key = `test:${recipientId}:${++seq}`;
  await db.query(
    `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, activity, created_at)
     values ($1, $2, 'b1', 'test', $3, $4, coalesce($5::timestamptz, now()))`,
    [key, TENANT, recipientId, JSON.stringify({ type: 'message', attachments: [{ contentType: ADAPTIVE, content }] }), createdAt?.toISOString() ?? null],
  );
  return key;
}

/** What the worker's claim reads for a delivery: its card, when it was created, the stored conversation. */
function claimedByKey(graphReconciler: Reconciler): typeof reconciler {
  return {
    async find(p) {
      const r = await db.query<{ activity: Record<string, unknown>; created_at: Date | string; conversation_id: string | null }>(
        `select d.activity, d.created_at, c.conversation_id from deliveries d
         left join conversation_refs c on c.user_id = d.recipient_id where d.idempotency_key = $1`,
        [p.key],
      );
      const row = r.rows[0];
      if (!row) return 'unknown';
      return graphReconciler.find({ ...p, activity: row.activity, createdAt: new Date(row.created_at), conversationId: row.conversation_id });
    },
  };
}

async function saveRef(userId: string, conversationId: string): Promise<void> {
  await db.query(
    `insert into conversation_refs (user_id, tenant_id, conversation_id, service_url, reference) values ($1, $2, $3, $4, '{}')
     on conflict (user_id) do update set conversation_id = excluded.conversation_id`,
    [userId, TENANT, conversationId, cloud.connectorUrl],
  );
}

beforeAll(async () => {
  db = await openTestPglite();
  // No per-conversation / per-tenant send limits: the paging test sends 55 cards at once.
  cloud = await startFakeCloud({ retryAfterSeconds: 0.2, limits: { conversation: [], tenant: [] } });
  for (const id of ['u-new', 'u-forbidden', 'u-chat', 'u-card', 'u-many']) {
    cloud.state.addUser({ aadObjectId: id, tenantId: TENANT, name: `User ${id}`, installed: id !== 'u-new' && id !== 'u-forbidden' });
  }
  cloud.faults.installForbiddenUsers.add('u-forbidden');
  const client = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 'test-token' });
  installer = createAppInstaller({ client, teamsAppId: BOT, pacer: createPacer(db, GRAPH_INSTALL_RATE_PER_SECOND) });
  reconciler = claimedByKey(createReconciler({ client, chats: installer, botAppId: BOT }));
});

afterAll(async () => {
  await cloud?.stop();
  await db?.close();
});

describe('Graph client', () => {
  it('attaches the bearer token over plain http (the fake answers 401 without it)', async () => {
    const bare = await fetch(`${cloud.graphUrl}/v1.0/users/u-chat`);
    expect(bare.status).toBe(401);
    const client = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 't' });
    const me = (await client.api('/users/u-chat').get()) as { id: string };
    expect(me.id).toBe('u-chat');
    // Production path: an Azure TokenCredential asked for the Graph scope.
    const scopes: string[] = [];
    const credential = {
      getToken: async (s: string | string[]) => {
        scopes.push(...[s].flat());
        return { token: 'cred-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const viaCredential = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, credential });
    expect(((await viaCredential.api('/users/u-chat').get()) as { id: string }).id).toBe('u-chat');
    expect(scopes).toEqual(['https://graph.microsoft.com/.default']);
  });

  it('reports status, code and Retry-After of a GraphError', async () => {
    const client = createGraphClient({ baseUrl: `${cloud.graphUrl}/`, staticToken: 't' });
    const err: unknown = await client.api('/users/nobody').get().then(() => undefined, (e: unknown) => e);
    expect(graphErrorInfo(err)).toMatchObject({ status: 404, code: 'Request_ResourceNotFound' });
    expect(graphErrorInfo(new Error('boom')).status).toBe(0);
  });
});

describe('app installer', () => {
  it('installs, and treats "already installed" (409) as installed', async () => {
    expect(await installer.install({ userId: 'u-new', tenantId: TENANT })).toBe('installed');
    expect(cloud.state.installed.has('u-new')).toBe(true);
    expect(await installer.install({ userId: 'u-new', tenantId: TENANT })).toBe('installed');
  });

  it('maps 403 to forbidden and an unknown user to not_found', async () => {
    expect(await installer.install({ userId: 'u-forbidden', tenantId: TENANT })).toBe('forbidden');
    expect(await installer.install({ userId: 'nobody', tenantId: TENANT })).toBe('not_found');
  });

  it('maps 429 to the Retry-After delay and pauses the tenant on the shared pacer', async () => {
    const busy = await startFakeCloud({ retryAfterSeconds: 7, limits: { graphInstall: [{ limit: 1, windowMs: 60_000 }] } });
    try {
      busy.state.addUsers(2, 'tenant-busy');
      const pacer = createPacer(db, GRAPH_INSTALL_RATE_PER_SECOND);
      const client = createGraphClient({ baseUrl: `${busy.graphUrl}/`, staticToken: 't' });
      const inst = createAppInstaller({ client, teamsAppId: BOT, pacer });
      expect(await inst.install({ userId: 'user-00001', tenantId: 'tenant-busy' })).toBe('installed');
      expect(await inst.install({ userId: 'user-00002', tenantId: 'tenant-busy' })).toEqual({ retryAfterMs: 7000 });
      expect(await pacer.pausedForMs(graphPacerKey('tenant-busy'))).toBeGreaterThan(5000);
    } finally {
      await busy.stop();
    }
  });

  it('retries with a bounded backoff when Graph cannot be reached', async () => {
    const down = await startFakeCloud();
    const client = createGraphClient({ baseUrl: `${down.graphUrl}/`, staticToken: 't' });
    await down.stop();
    const inst = createAppInstaller({ client, teamsAppId: BOT });
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await inst.install({ userId: 'u-x', tenantId: TENANT });
      if (typeof r !== 'object') throw new Error(`expected a retry, got ${r}`);
      delays.push(r.retryAfterMs);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
    expect(delays[9]).toBeGreaterThan(delays[0] ?? Infinity);
  });

  it('finds the 1:1 chat id of an installed user, and none for an uninstalled one', async () => {
    expect(await installer.chatIdFor('u-chat')).toBe(cloud.state.chatIdFor('u-chat'));
    expect(await installer.chatIdFor('u-forbidden')).toBeUndefined();
    expect(await installer.chatIdFor('nobody')).toBeUndefined();
  });
});

describe('reconciler', () => {
  it('finds a delivered card (object keys in any order) and returns the ids to store', async () => {
    const content = card(`reminder ${Date.now()}`);
    const key = await insertDelivery('u-card', content);
    const { conversationId, activityId } = await sendCard('u-card', { body: content.body, version: '1.5', type: 'AdaptiveCard' });
    await saveRef('u-card', conversationId);
    const rec = cloud.state.delivered.find((d) => d.activityId === activityId);
    const found = await reconciler.find({ tenantId: TENANT, recipientId: 'u-card', key });
    // Graph's chat message id; the fake (like Teams 1:1 chats) uses a different connector activity id.
    expect(found).toEqual({ activityId: rec?.messageId, conversationId });
  });

  it('returns null when only a different card is in the chat', async () => {
    await sendCard('u-card', card('something else'));
    const key = await insertDelivery('u-card', card('never sent'));
    expect(await reconciler.find({ tenantId: TENANT, recipientId: 'u-card', key })).toBeNull();
  });

  it('ignores a matching card sent before the delivery was created', async () => {
    const content = card(`daily ${Date.now()}`);
    await sendCard('u-card', content);
    const key = await insertDelivery('u-card', content, new Date(Date.now() + 60_000));
    expect(await reconciler.find({ tenantId: TENANT, recipientId: 'u-card', key })).toBeNull();
  });

  it('follows @odata.nextLink to an older page', async () => {
    const content = card('the one on page two');
    const key = await insertDelivery('u-many', content);
    const { conversationId } = await sendCard('u-many', content);
    for (let i = 0; i < 55; i++) await sendCard('u-many', card(`filler ${i}`));
    await saveRef('u-many', conversationId);
    const found = await reconciler.find({ tenantId: TENANT, recipientId: 'u-many', key });
    expect(found).toMatchObject({ conversationId });
  });

  it("answers 'unknown' without a chat, for an unknown key, and when Graph is down", async () => {
    expect(await reconciler.find({ tenantId: TENANT, recipientId: 'u-forbidden', key: await insertDelivery('u-forbidden', card('x')) })).toBe('unknown');
    expect(await reconciler.find({ tenantId: TENANT, recipientId: 'u-card', key: 'no-such-key' })).toBe('unknown');
    const key = await insertDelivery('u-card', card('y'));
    await cloud.stop();
    expect(await reconciler.find({ tenantId: TENANT, recipientId: 'u-card', key })).toBe('unknown');
  });

  it('compares cards ignoring object key order but not array order', () => {
    expect(canonical({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonical({ a: [{ x: 1, y: 2 }], b: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });
});
