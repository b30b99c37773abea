/** Local Bot Connector (Teams flavour): conversations, send/reply/update, members, limits and fault injection. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { asRecord, str, type BotActivity, type DeliveryKind, type FakeCloudState, type FakeConversation, type FakeUser } from './state';

/** Fault settings, mutable at runtime. Probabilities apply only to send/reply/update (one roll per request). */
export interface Faults {
  p429: number; p500: number; p503: number; pTimeout: number;
  /** How long a `pTimeout` request is held before its socket is destroyed without an answer (default 30 000). */
  timeoutMs: number;
  /** When true, a timed-out send is first recorded as delivered (models "sent but answer lost"). */
  timeoutDelivers: boolean;
  /** Added delay before handling every request, both servers (default 0). */
  latencyMs: number;
  /** PRNG seed for the probabilities; undefined = Math.random. Assigning a new seed reseeds. */
  seed: number | undefined;
  /** Users (Teams or AAD id) who blocked the bot: sends → 403 ConversationBlockedByUser. */
  forbiddenUsers: Set<string>;
  /** Deleted users (Teams or AAD id): creates and sends → 404 ConversationNotFound. */
  goneUsers: Set<string>;
  /** Graph proactive install → 403 for these users. */
  installForbiddenUsers: Set<string>;
  /**
   * Awaited before a valid send/reply/update is accepted: Teams still working on a request that
   * reached it. The card is recorded when it resolves, even if the caller gave up meanwhile.
   */
  hold: ((kind: DeliveryKind, conversationId: string) => Promise<void>) | undefined;
}

export function createFaults(init: Partial<Faults> = {}): Faults {
  return {
    p429: 0, p500: 0, p503: 0, pTimeout: 0, timeoutMs: 30_000, timeoutDelivers: false, latencyMs: 0, seed: undefined,
    forbiddenUsers: new Set(), goneUsers: new Set(), installForbiddenUsers: new Set(), hold: undefined, ...init,
  };
}

/** mulberry32: tiny deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ConnectorOptions {
  /** 401 for requests without `Authorization: Bearer ...` (default false: local mode). */
  requireAuth?: boolean;
  /** Retry-After value in seconds on 429 (default 1; fractional allowed, e.g. 0.2). */
  retryAfterSeconds?: number;
  /** Max activity JSON size in bytes (Teams ~28 KB; default 28 672) → 413. */
  maxActivityBytes?: number;
}

/** Cancellable timers so that `stop()` never waits on held requests. */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  sleep(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.pending.delete(t); resolve(true); }, ms);
      this.pending.set(t, () => resolve(false));
    });
  }
  cancelAll(): void {
    for (const [t, cancel] of this.pending) { clearTimeout(t); cancel(); }
    this.pending.clear();
  }
}

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), 'Content-Length': Buffer.byteLength(text), ...headers,
  });
  res.end(text);
}

export function readBody(req: IncomingMessage, maxBytes = 4 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    req.on('end', () => (size > maxBytes ? reject(new HttpError(413, 'RequestEntityTooLarge', `Body larger than ${maxBytes} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export function parseJsonObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw new HttpError(400, 'BadSyntax', 'Request body is not valid JSON'); }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'BadArgument', 'Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Normalised, percent-decoded path segments (tolerates `//` and a trailing slash from the serviceUrl). */
export function pathSegments(req: IncomingMessage): { segs: string[]; query: URLSearchParams } {
  const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://127.0.0.1');
  try {
    return { segs: url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s)), query: url.searchParams };
  } catch {
    throw new HttpError(400, 'BadArgument', 'Malformed percent-encoding in path');
  }
}

export const hasBearer = (req: IncomingMessage): boolean => /^Bearer\s+\S+/i.test(req.headers.authorization ?? '');

function channelAccount(u: FakeUser): Record<string, string> {
  const [givenName = u.name, ...rest] = u.name.split(' ');
  return {
    id: u.teamsUserId, name: u.name, aadObjectId: u.aadObjectId, email: u.email, userPrincipalName: u.email,
    tenantId: u.tenantId, givenName, surname: rest.join(' '), userRole: 'user',
  };
}

type Fault = 'none' | '429' | '500' | '503' | 'timeout';

export function createConnectorServer(state: FakeCloudState, faults: Faults, options: ConnectorOptions = {}, timers = new Timers()): Server {
  let rng: () => number = Math.random;
  let rngSeed: number | undefined;
  const roll = (): Fault => {
    if (faults.seed !== rngSeed) { rngSeed = faults.seed; rng = rngSeed === undefined ? Math.random : mulberry32(rngSeed); }
    const r = rng();
    let acc = faults.p429;
    if (r < acc) return '429';
    if (r < (acc += faults.p500)) return '500';
    if (r < (acc += faults.p503)) return '503';
    return r < acc + faults.pTimeout ? 'timeout' : 'none';
  };
  const throttled = (what: string): HttpError => {
    state.counters.connector429++;
    return new HttpError(429, 'Throttled', `Too many requests (${what})`, { 'Retry-After': String(options.retryAfterSeconds ?? 1) });
  };

  function createConversation(body: Record<string, unknown>): { status: number; body: unknown } {
    if (body['isGroup'] === true) throw new HttpError(400, 'BadArgument', 'Bots cannot create group chats in Teams');
    const members = Array.isArray(body['members']) ? body['members'].map(asRecord) : [];
    const m = members[0];
    if (!m || members.length !== 1) throw new HttpError(400, 'BadArgument', 'Exactly one member is required for a 1:1 conversation');
    const user = state.findUser(str(m['id'])) ?? state.findUser(str(m['aadObjectId']));
    const tenantId = str(body['tenantId']) ?? str(asRecord(asRecord(body['channelData'])['tenant'])['id']);
    if (!user || state.userIn(faults.goneUsers, user.aadObjectId) || (tenantId !== undefined && tenantId !== user.tenantId)) {
      throw new HttpError(404, 'ConversationNotFound', `User ${str(m['id']) ?? '?'} not found in tenant ${tenantId ?? '?'}`);
    }
    if (!state.installed.has(user.aadObjectId)) {
      throw new HttpError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
    }
    const now = state.now();
    if (!state.tenantLimiter.allows(user.tenantId, now)) { state.counters.rateLimited429++; throw throttled('tenant'); }
    state.tenantLimiter.record(user.tenantId, now);
    state.noteAccepted(user.tenantId, now);
    return { status: 201, body: { id: state.oneOnOneConversation(user, user.tenantId).id } };
  }

  /** Rate-limit, record and answer one send/reply/update that passed every other check. */
  function accept(kind: DeliveryKind, conv: FakeConversation, activity: BotActivity, updateId?: string): string {
    const now = state.now();
    if (!state.tenantLimiter.allows(conv.tenantId, now)) { state.counters.rateLimited429++; throw throttled('tenant'); }
    if (!state.conversationLimiter.allows(conv.id, now)) { state.counters.rateLimited429++; throw throttled('conversation'); }
    state.tenantLimiter.record(conv.tenantId, now);
    state.conversationLimiter.record(conv.id, now);
    state.noteAccepted(conv.tenantId, now);
    const activityId = updateId ?? `1:${randomBytes(18).toString('base64url')}`;
    state.deliver(kind, conv, activityId, { ...activity, id: activityId }, now);
    return activityId;
  }

  async function postActivity(req: IncomingMessage, res: ServerResponse, kind: DeliveryKind, cid: string, raw: string, aid?: string): Promise<void> {
    const max = options.maxActivityBytes ?? 28_672;
    if (Buffer.byteLength(raw) > max) throw new HttpError(413, 'RequestEntityTooLarge', `Activity exceeds ${max} bytes`);
    const activity: BotActivity = parseJsonObject(raw);
    if (!str(activity.type)) throw new HttpError(400, 'BadArgument', 'Activity type is required');
    if (state.removedConversations.has(cid)) {
      state.counters.gone404++;
      throw new HttpError(404, 'ConversationNotFound', 'Conversation not found.');
    }
    const conv = state.conversations.get(cid) ?? state.registerConversation(cid, activity);
    const recipient = asRecord(activity['recipient']);
    const userId = conv.userAadObjectId ?? str(recipient['aadObjectId']) ?? str(recipient['id']);
    if (state.userIn(faults.goneUsers, userId)) {
      state.counters.gone404++;
      throw new HttpError(404, 'ConversationNotFound', 'Conversation not found.');
    }
    if (state.userIn(faults.forbiddenUsers, userId)) {
      state.counters.forbidden403++;
      throw new HttpError(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.');
    }
    if (conv.origin === 'create' && conv.userAadObjectId && !state.installed.has(conv.userAadObjectId)) {
      throw new HttpError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
    }
    if (kind === 'update' && (!aid || !state.hasActivity(cid, aid))) throw new HttpError(404, 'ActivityNotFound', 'Activity not found.');
    if (faults.hold) await faults.hold(kind, cid);
    const fault = roll();
    if (fault === '429') { state.counters.injected429++; throw throttled('injected'); }
    if (fault === '500') { state.counters.injected500++; throw new HttpError(500, 'ServiceError', 'Internal server error (injected)'); }
    if (fault === '503') { state.counters.injected503++; throw new HttpError(503, 'ServiceUnavailable', 'Service unavailable (injected)'); }
    if (fault === 'timeout') {
      state.counters.timeouts++;
      if (faults.timeoutDelivers) { try { accept(kind, conv, activity, kind === 'update' ? aid : undefined); } catch { /* throttled: not delivered */ } }
      await timers.sleep(faults.timeoutMs);
      req.socket.destroy();
      return;
    }
    const id = accept(kind, conv, activity, kind === 'update' ? aid : undefined);
    sendJson(res, kind === 'update' ? 200 : 201, { id });
  }

  function membersOf(cid: string): Array<Record<string, string | undefined>> {
    const conv = state.conversations.get(cid);
    if (!conv) throw new HttpError(404, 'ConversationNotFound', 'Conversation not found.');
    const user = state.findUser(conv.userAadObjectId);
    return user ? [channelAccount(user)] : conv.extraMembers.map((m) => ({ ...m }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (faults.latencyMs > 0 && !(await timers.sleep(faults.latencyMs))) return;
    if (options.requireAuth && !hasBearer(req)) throw new HttpError(401, 'Unauthorized', 'Authorization has been denied for this request.');
    const { segs } = pathSegments(req);
    const method = req.method ?? 'GET';
    const raw = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
    const [v3, convs, cid, sub, extra, ...more] = segs;
    if (v3 !== 'v3' || convs !== 'conversations' || more.length > 0) throw new HttpError(404, 'NotFound', `No route for ${method} ${req.url}`);
    if (cid === undefined) {
      if (method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', `${method} not supported`);
      const r = createConversation(parseJsonObject(raw));
      return sendJson(res, r.status, r.body);
    }
    if (sub === 'activities' && extra !== 'history') {
      if (method === 'POST') return postActivity(req, res, extra === undefined ? 'send' : 'reply', cid, raw);
      if (method === 'PUT' && extra !== undefined) return postActivity(req, res, 'update', cid, raw, extra);
      throw new HttpError(405, 'MethodNotAllowed', `${method} not supported on activities`);
    }
    if (method === 'GET' && sub === 'members') {
      const members = membersOf(cid);
      if (extra === undefined) return sendJson(res, 200, members);
      const m = members.find((x) => x['id'] === extra || x['aadObjectId'] === extra);
      if (!m) throw new HttpError(404, 'MemberNotFoundInConversation', 'The member is not part of the conversation.');
      return sendJson(res, 200, m);
    }
    if (method === 'GET' && sub === 'pagedmembers' && extra === undefined) return sendJson(res, 200, { members: membersOf(cid) });
    throw new HttpError(404, 'NotFound', `No route for ${method} ${req.url}`);
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : new HttpError(500, 'ServiceError', err instanceof Error ? err.message : String(err));
      sendJson(res, e.status, { error: { code: e.code, message: e.message } }, e.headers);
    });
  });
}
