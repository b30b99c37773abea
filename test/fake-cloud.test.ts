import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { startFakeCloud, type FakeCloud, type FakeCloudOptions } from './support/fake-cloud/index';

const TENANT = 'tenant-a';
const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '出社予定を登録してください' }] };
const cardActivity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };

let cloud: FakeCloud;
let clock = 1_000_000;
const clouds: FakeCloud[] = [];

async function start(opts: FakeCloudOptions = {}): Promise<FakeCloud> {
  const c = await startFakeCloud({ retryAfterSeconds: 0.2, ...opts });
  clouds.push(c);
  return c;
}

interface Res { status: number; body: Record<string, unknown>; headers: Headers }
async function call(base: string, method: string, path: string, body?: unknown, auth = true): Promise<Res> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer test-token' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: r.headers };
}
const bc = (method: string, path: string, body?: unknown): Promise<Res> => call(cloud.connectorUrl, method, path, body);
const graph = (method: string, path: string, body?: unknown, auth = true): Promise<Res> => call(cloud.graphUrl, method, path, body, auth);
const createConv = (member: string, tenantId = TENANT): Promise<Res> =>
  bc('POST', '/v3/conversations', { bot: { id: '28:bot' }, members: [{ id: member }], isGroup: false, tenantId, channelData: { tenant: { id: tenantId } } });
const send = (conv: string, activity: unknown = { type: 'message', text: 'hi' }): Promise<Res> =>
  bc('POST', `/v3/conversations/${encodeURIComponent(conv)}/activities`, activity);
/** The SDK's Activity type lists every optional field as required; the wire needs only `type`. */
const act = (a: Partial<Activity>): Activity => a as Activity;
const errCode = (r: Res): unknown => (r.body['error'] as Record<string, unknown> | undefined)?.['code'];

async function convFor(aad: string): Promise<string> {
  const r = await createConv(`29:${aad}`);
  expect(r.status).toBe(201);
  return String(r.body['id']);
}

beforeEach(async () => {
  clock = 1_000_000;
  cloud = await start({ now: () => clock });
  cloud.state.addUser({ aadObjectId: 'aad-1', tenantId: TENANT, name: 'Taro Yamada', installed: true, managerAadObjectId: 'aad-boss' });
  cloud.state.addUser({ aadObjectId: 'aad-2', tenantId: TENANT, name: 'Hanako Sato' });
  cloud.state.addUser({ aadObjectId: 'aad-boss', tenantId: TENANT, name: 'Boss', department: 'HR', installed: true });
});
afterEach(async () => { await Promise.all(clouds.splice(0).map((c) => c.stop())); });

describe('Bot Connector', () => {
  it('creates 1:1 conversations only for installed, known users', async () => {
    const a = await createConv('29:aad-1');
    expect(a.status).toBe(201);
    expect(String(a.body['id'])).toMatch(/^a:/);
    expect((await createConv('aad-1')).body['id']).toBe(a.body['id']);
    expect(errCode(await createConv('29:aad-2'))).toBe('BotNotInConversationRoster');
    expect((await createConv('29:aad-2')).status).toBe(403);
    const unknown = await createConv('29:nobody');
    expect([unknown.status, errCode(unknown)]).toEqual([404, 'ConversationNotFound']);
  });

  it('records sends, replies and updates; update of an unknown activity is 404', async () => {
    const conv = await convFor('aad-1');
    const sent = await call(`${cloud.connectorUrl}/`, 'POST', `/v3/conversations/${encodeURIComponent(conv)}/activities`, cardActivity);
    expect(sent.status).toBe(201);
    const id = String(sent.body['id']);
    const reply = await bc('POST', `/v3/conversations/${encodeURIComponent(conv)}/activities/${encodeURIComponent(id)}`, { type: 'message', text: 'r' });
    expect(reply.status).toBe(201);
    const upd = await bc('PUT', `/v3/conversations/${encodeURIComponent(conv)}/activities/${encodeURIComponent(id)}`, { type: 'message', text: 'u' });
    expect([upd.status, upd.body['id']]).toEqual([200, id]);
    expect((await bc('PUT', `/v3/conversations/${encodeURIComponent(conv)}/activities/nope`, { type: 'message' })).status).toBe(404);
    expect(cloud.state.delivered.map((d) => [d.kind, d.userId, d.tenantId, d.conversationId])).toEqual([
      ['send', 'aad-1', TENANT, conv], ['reply', 'aad-1', TENANT, conv], ['update', 'aad-1', TENANT, conv],
    ]);
    expect(cloud.state.cardsFor('29:aad-1')).toHaveLength(1);
    expect(cloud.state.countByUser().get('aad-1')).toBe(2);
    const members = await bc('GET', `/v3/conversations/${encodeURIComponent(conv)}/members`);
    expect(members.body).toEqual([expect.objectContaining({ id: '29:aad-1', aadObjectId: 'aad-1', tenantId: TENANT, name: 'Taro Yamada' })]);
  });

  it('auto-registers conversations it has never seen', async () => {
    const waiting = cloud.state.waitForActivity((d) => d.conversationId === 'a:invented', 2000);
    expect((await send('a:invented', { type: 'message', text: 'x', conversation: { id: 'a:invented', tenantId: 't9' } })).status).toBe(201);
    expect((await waiting).tenantId).toBe('t9');
    expect((await send('a:other')).status).toBe(201);
    expect(cloud.state.conversations.get('a:other')?.tenantId).toBe('default-tenant');
  });

  it('applies the per-conversation limits (7/1 s, 8/2 s) with Retry-After, without recording', async () => {
    const conv = await convFor('aad-1');
    for (let i = 0; i < 7; i++) expect((await send(conv)).status).toBe(201);
    const r = await send(conv);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('0.2');
    expect(cloud.state.delivered).toHaveLength(7);
    clock += 1000;
    expect((await send(conv)).status).toBe(201);
    expect((await send(conv)).status).toBe(429);
    clock += 1001;
    expect((await send(conv)).status).toBe(201);
    expect(cloud.state.counters.rateLimited429).toBe(2);
  });

  it('keeps every tenant within 50 requests per second (real clock, retrying on 429)', async () => {
    const c = await start();
    c.state.addUsers(30, TENANT, { installed: true });
    const retry = async (fn: () => Promise<Response>): Promise<Response> => {
      for (;;) {
        const r = await fn();
        if (r.status !== 429) return r;
        await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after')) * 1000));
      }
    };
    const statuses = await Promise.all([...c.state.users.values()].map(async (u) => {
      const created = await retry(() => fetch(`${c.connectorUrl}/v3/conversations`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bot: { id: 'b' }, members: [{ id: u.teamsUserId }], isGroup: false, tenantId: TENANT }),
      }));
      const { id } = (await created.json()) as { id: string };
      const sent = await retry(() => fetch(`${c.connectorUrl}/v3/conversations/${encodeURIComponent(id)}/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cardActivity),
      }));
      return sent.status;
    }));
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(c.state.delivered).toHaveLength(30);
    expect(c.state.counters.rateLimited429).toBeGreaterThan(0);
    expect(c.state.maxInWindow(TENANT, 1000)).toBeLessThanOrEqual(50);
    expect(c.state.acceptedTimestamps(TENANT)).toHaveLength(60);
  });

  it('injects faults deterministically with a seed', async () => {
    const conv = await convFor('aad-1');
    cloud.faults.p429 = 1;
    const r = await send(conv);
    expect([r.status, r.headers.get('retry-after')]).toEqual([429, '0.2']);
    cloud.faults.p429 = 0;
    cloud.faults.p500 = 1;
    expect((await send(conv)).status).toBe(500);
    expect(cloud.state.delivered).toHaveLength(0);
    const run = async (): Promise<number[]> => {
      const c = await start({ faults: { seed: 42, p500: 0.3, p503: 0.3 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        c.state.conversationLimiter.reset();
        out.push((await call(c.connectorUrl, 'POST', '/v3/conversations/a%3Ax/activities', { type: 'message' })).status);
      }
      return out;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([201, 500, 503]));
  });

  it('times out (socket destroyed) and can record the uncertain send', async () => {
    const conv = await convFor('aad-1');
    Object.assign(cloud.faults, { pTimeout: 1, timeoutMs: 50, timeoutDelivers: true });
    await expect(send(conv)).rejects.toThrow();
    expect(cloud.state.delivered).toHaveLength(1);
    expect(cloud.state.counters.timeouts).toBe(1);
  });

  it('answers 403 for users who blocked the bot and 404 for deleted users', async () => {
    const conv = await convFor('aad-1');
    cloud.faults.forbiddenUsers.add('aad-1');
    const f = await send(conv);
    expect([f.status, errCode(f)]).toEqual([403, 'ConversationBlockedByUser']);
    cloud.faults.forbiddenUsers.clear();
    cloud.faults.goneUsers.add('29:aad-1');
    const g = await send(conv);
    expect([g.status, errCode(g)]).toEqual([404, 'ConversationNotFound']);
    expect(cloud.state.delivered).toHaveLength(0);
  });

  it('enforces auth when requireAuth is set and rejects oversized activities', async () => {
    const c = await start({ requireAuth: true, maxActivityBytes: 1000 });
    expect((await call(c.connectorUrl, 'POST', '/v3/conversations/a%3Ax/activities', { type: 'message' }, false)).status).toBe(401);
    expect((await call(c.connectorUrl, 'POST', '/v3/conversations/a%3Ax/activities', { type: 'message' })).status).toBe(201);
    expect((await call(c.connectorUrl, 'POST', '/v3/conversations/a%3Ax/activities', { type: 'message', text: 'x'.repeat(2000) })).status).toBe(413);
  });

  it('works with the real botframework-connector ConnectorClient', async () => {
    const client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: `${cloud.connectorUrl}/` });
    const conv = await client.conversations.createConversation({
      isGroup: false, bot: { id: '28:bot', name: 'bot' }, members: [{ id: '29:aad-1', name: '' }], tenantId: TENANT, topicName: '',
      activity: act({ type: 'message' }), channelData: { tenant: { id: TENANT } },
    });
    const sent = await client.conversations.sendToConversation(conv.id, act({ type: 'message', text: 'こんにちは' }));
    expect((await client.conversations.updateActivity(conv.id, sent.id, act({ type: 'message', text: 'x' }))).id).toBe(sent.id);
    expect((await client.conversations.getConversationMembers(conv.id))[0]?.aadObjectId).toBe('aad-1');
    await expect(client.conversations.createConversation({
      isGroup: false, bot: { id: 'b', name: '' }, members: [{ id: '29:aad-2', name: '' }], tenantId: TENANT, topicName: '', activity: act({ type: 'message' }), channelData: {},
    })).rejects.toMatchObject({ statusCode: 403, code: 'BotNotInConversationRoster' });
  });
});

describe('Graph', () => {
  const bind = { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/00000000-0000-0000-0000-00000000b075' };

  it('requires a bearer token', async () => {
    const r = await graph('GET', '/v1.0/users/aad-1', undefined, false);
    expect([r.status, errCode(r)]).toEqual([401, 'InvalidAuthenticationToken']);
  });

  it('installs the app (201, then 409), 404 for unknown users, 403 when forbidden, 429 over 30/s', async () => {
    const first = await graph('POST', '/v1.0/users/aad-2/teamwork/installedApps', bind);
    expect([first.status, first.body]).toEqual([201, {}]);
    expect(cloud.state.installed.has('aad-2')).toBe(true);
    expect((await createConv('29:aad-2')).status).toBe(201);
    const again = await graph('POST', '/v1.0/users/aad-2/teamwork/installedApps', bind);
    expect([again.status, errCode(again)]).toEqual([409, 'Conflict']);
    expect((await graph('POST', '/v1.0/users/nobody/teamwork/installedApps', bind)).status).toBe(404);
    cloud.state.addUser({ aadObjectId: 'aad-3', tenantId: TENANT, name: 'Blocked' });
    cloud.faults.installForbiddenUsers.add('aad-3');
    expect((await graph('POST', '/v1.0/users/aad-3/teamwork/installedApps', bind)).status).toBe(403);
    const many = cloud.state.addUsers(30, TENANT);
    const statuses = await Promise.all(many.map(async (u) => (await graph('POST', `/v1.0/users/${u.aadObjectId}/teamwork/installedApps`, bind)).status));
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(cloud.state.counters.graph429).toBe(3);
  });

  it('lists the installation, returns its 1:1 chat and the delivered cards, newest first', async () => {
    const path = "/v1.0/users/aad-1/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '00000000-0000-0000-0000-00000000b075'";
    const list = await graph('GET', path);
    const [inst] = list.body['value'] as Array<{ id: string; teamsApp: { externalId: string } }>;
    expect(inst?.teamsApp.externalId).toBe('00000000-0000-0000-0000-00000000b075');
    const byId = await graph('GET', "/v1.0/users/aad-2/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '00000000-0000-0000-0000-00000000b075'");
    expect(byId.body['value']).toEqual([]);
    const chat = await graph('GET', `/v1.0/users/aad-1/teamwork/installedApps/${inst?.id ?? ''}/chat`);
    const chatId = String(chat.body['id']);
    expect(chat.body['chatType']).toBe('oneOnOne');
    expect(chatId).toMatch(/^19:.*@unq\.gbl\.spaces$/);
    const conv = await convFor('aad-1');
    expect(chatId).not.toBe(conv);
    expect((await send(conv, cardActivity)).status).toBe(201);
    clock += 1000;
    expect((await send(conv, { type: 'message', text: 'later' })).status).toBe(201);
    const msgs = await graph('GET', `/v1.0/chats/${encodeURIComponent(chatId)}/messages?$top=50`);
    const value = msgs.body['value'] as Array<{ body: { content: string }; from: { application: { id: string } }; attachments: Array<{ id: string; contentType: string; content: string }> }>;
    expect(value).toHaveLength(2);
    expect(value[0]?.body.content).toContain('later');
    const att = value[1]?.attachments[0];
    expect(att?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.parse(att?.content ?? 'null')).toEqual(card);
    expect(value[1]?.body.content).toBe(`<attachment id="${att?.id ?? ''}"></attachment>`);
    expect(value[1]?.from.application.id).toBe('00000000-0000-0000-0000-00000000b075');
    expect((await graph('GET', '/v1.0/chats/19%3Anope%40unq.gbl.spaces/messages')).status).toBe(404);
  });

  it('returns users and managers', async () => {
    const u = await graph('GET', '/v1.0/users/aad-1');
    expect(u.body).toMatchObject({ id: 'aad-1', displayName: 'Taro Yamada', mail: 'aad-1@contoso.example' });
    expect((await graph('GET', '/v1.0/users/aad-1/manager')).body).toMatchObject({ id: 'aad-boss', department: 'HR' });
    expect((await graph('GET', '/v1.0/users/aad-boss/manager')).status).toBe(404);
    expect((await graph('GET', '/v1.0/users/nobody')).status).toBe(404);
  });
});
