/** Local Microsoft Graph subset: proactive app install, installed-app chat, chat messages, users, managers, presence and the
 *  directory (users delta query, transitive group members). */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { HttpError, Timers, hasBearer, parseJsonObject, pathSegments, readBody, sendJson, type Faults } from './connector';
import { str, type DeliveredRecord, type FakeCloudState, type FakeUser } from './state';
import { intuneOf } from './intune';

export interface GraphOptions {
  /** Retry-After value in seconds on 429 (default 1; fractional allowed). */
  retryAfterSeconds?: number;
  /** Used to build `@odata.nextLink` (default: derived from the Host header). */
  baseUrl?: string;
}

const GRAPH = 'https://graph.microsoft.com/v1.0';

const uuidFrom = (s: string): string => {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function graphUser(u: FakeUser): Record<string, unknown> {
  const [givenName = u.name, ...rest] = u.name.split(' ');
  return {
    '@odata.type': '#microsoft.graph.user', id: u.aadObjectId, displayName: u.name, givenName, surname: rest.join(' ') || null,
    mail: u.email, userPrincipalName: u.email, department: u.department ?? null, officeLocation: u.officeLocation ?? null,
    preferredLanguage: u.preferredLanguage ?? null, jobTitle: null, businessPhones: [], mobilePhone: null,
  };
}

export function createGraphServer(state: FakeCloudState, faults: Faults, options: GraphOptions = {}, timers = new Timers()): Server {
  const notFound = (what: string): HttpError =>
    new HttpError(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

  /** Users addressed by AAD object id or UPN; deleted (`goneUsers`) users are not found. */
  function user(id: string | undefined, code = 'Request_ResourceNotFound'): FakeUser {
    const u = state.findUser(id);
    if (!u || u.teamsUserId === id || state.userIn(faults.goneUsers, u.aadObjectId)) {
      throw code === 'NotFound' ? new HttpError(404, 'NotFound', `User ${id ?? ''} not found`) : notFound(id ?? '');
    }
    return u;
  }

  function teamsApp(): Record<string, string> {
    const { id, externalId, displayName } = state.app;
    return { id, externalId, displayName, distributionMethod: 'organization' };
  }

  function install(u: FakeUser, body: Record<string, unknown>): void {
    const bind = str(body['teamsApp@odata.bind']);
    const appId = bind ? /\/appCatalogs\/teamsApps\/([^/?#]+)\/?$/.exec(bind)?.[1] : undefined;
    if (!appId) throw new HttpError(400, 'BadRequest', "Body must contain 'teamsApp@odata.bind': '.../appCatalogs/teamsApps/{id}'");
    const now = state.now();
    if (!state.graphInstallLimiter.allows(u.tenantId, now)) {
      state.counters.graph429++;
      throw new HttpError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': String(options.retryAfterSeconds ?? 1) });
    }
    state.graphInstallLimiter.record(u.tenantId, now);
    if (state.userIn(faults.installForbiddenUsers, u.aadObjectId)) throw new HttpError(403, 'Forbidden', 'Forbidden: app installation is blocked for this user.');
    const decoded = decodeURIComponent(appId);
    if (decoded !== state.app.id && decoded !== state.app.externalId) {
      throw new HttpError(404, 'NotFound', `teamsApp '${decoded}' not found in the app catalog (fake knows id '${state.app.id}', externalId '${state.app.externalId}')`);
    }
    if (state.installed.has(u.aadObjectId)) throw new HttpError(409, 'Conflict', 'App is already installed for this user.');
    state.installed.add(u.aadObjectId);
  }

  function installedApps(u: FakeUser, query: URLSearchParams): Record<string, unknown> {
    const filter = query.get('$filter');
    let matches = state.installed.has(u.aadObjectId);
    if (filter) {
      const m = /^\s*teamsApp\/(externalId|id)\s+eq\s+'([^']*)'\s*$/.exec(filter);
      if (!m) throw new HttpError(400, 'BadRequest', `Unsupported $filter in fake Graph: ${filter}`);
      matches &&= (m[1] === 'id' ? state.app.id : state.app.externalId) === m[2];
    }
    const expand = (query.get('$expand') ?? '').split(',').map((s) => s.trim());
    const item = { id: state.installationIdFor(u.aadObjectId), ...(expand.includes('teamsApp') ? { teamsApp: teamsApp() } : {}) };
    return { '@odata.context': `${GRAPH}/$metadata#users('${u.aadObjectId}')/teamwork/installedApps`, value: matches ? [item] : [] };
  }

  function installation(u: FakeUser, iid: string): void {
    if (iid !== state.installationIdFor(u.aadObjectId) || !state.installed.has(u.aadObjectId)) {
      throw new HttpError(404, 'NotFound', `Installation ${iid} not found for user ${u.aadObjectId}`);
    }
  }

  function chatMessage(rec: DeliveredRecord, chatId: string): Record<string, unknown> {
    const created = new Date(Number(rec.messageId)).toISOString();
    const attachments = (rec.activity.attachments ?? []).map((a, i) => ({
      id: uuidFrom(`${rec.messageId}|${i}`), contentType: a.contentType ?? 'application/octet-stream', contentUrl: null,
      content: typeof a.content === 'string' ? a.content : JSON.stringify(a.content ?? null), name: null, thumbnailUrl: null, teamsAppId: null,
    }));
    const text = str(rec.activity.text);
    const content = `${text ? `<p>${escapeHtml(text)}</p>` : ''}${attachments.map((a) => `<attachment id="${a.id}"></attachment>`).join('')}`;
    return {
      id: rec.messageId, replyToId: null, etag: String(Math.floor(rec.at)), messageType: 'message', createdDateTime: created,
      lastModifiedDateTime: rec.kind === 'update' ? new Date(rec.at).toISOString() : created, lastEditedDateTime: rec.kind === 'update' ? new Date(rec.at).toISOString() : null,
      deletedDateTime: null, subject: null, summary: null, chatId, importance: 'normal', locale: 'en-us', webUrl: null, channelIdentity: null,
      from: {
        user: null, device: null,
        application: { '@odata.type': '#microsoft.graph.teamworkApplicationIdentity', id: state.app.botId, displayName: state.app.displayName, applicationIdentityType: 'bot' },
      },
      body: { contentType: 'html', content }, attachments, mentions: [], reactions: [],
    };
  }

  function chatMessages(req: IncomingMessage, chatId: string, query: URLSearchParams): Record<string, unknown> {
    const u = state.userForChatId(chatId);
    if (!u) throw new HttpError(404, 'NotFound', `Chat ${chatId} not found`);
    const top = Number(query.get('$top') ?? '20');
    if (!Number.isInteger(top) || top < 1 || top > 50) throw new HttpError(400, 'BadRequest', '$top must be an integer between 1 and 50');
    const skip = Number(query.get('$skiptoken') ?? '0') || 0;
    const all = state.messagesForUser(u.aadObjectId).reverse();
    const page = all.slice(skip, skip + top).map((r) => chatMessage(r, chatId));
    const base = options.baseUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
    const next = skip + top < all.length
      ? { '@odata.nextLink': `${base}/v1.0/chats/${encodeURIComponent(chatId)}/messages?$top=${top}&$skiptoken=${skip + top}` }
      : {};
    return { '@odata.context': `${GRAPH}/$metadata#chats('${chatId}')/messages`, '@odata.count': page.length, ...next, value: page };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (faults.latencyMs > 0 && !(await timers.sleep(faults.latencyMs))) return;
    if (!hasBearer(req)) throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const { segs, query } = pathSegments(req);
    const method = req.method ?? 'GET';
    const raw = method === 'POST' ? await readBody(req) : '';
    const [ver, coll, id, a, b, c, d, ...more] = segs;
    const intune = intuneOf(state).handle(method, segs, state.now());
    if (intune) return sendJson(res, intune.status, intune.body);
    if (ver !== 'v1.0' || more.length > 0) throw new HttpError(404, 'NotFound', `No route for ${method} ${req.url}`);
    if (coll === 'chats' && id && a === 'messages' && b === undefined && method === 'GET') return sendJson(res, 200, chatMessages(req, id, query));
    if (coll === 'communications' && id === 'getPresencesByUserId' && a === undefined) {
      const base = options.baseUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
      if (method === 'POST') return sendJson(res, 200, state.presence.batch(parseJsonObject(raw), base));
      if (method === 'GET') return sendJson(res, 200, state.presence.page(query.get('$skiptoken'), base));
    }
    if (coll === 'users' && id === 'delta' && a === undefined && method === 'GET') {
      return sendJson(res, 200, state.directory.delta(query, options.baseUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`));
    }
    if (coll === 'groups' && id && a === 'transitiveMembers' && (b === undefined || b === 'microsoft.graph.user') && c === undefined && method === 'GET') {
      return sendJson(res, 200, state.directory.transitiveMembers(id, b, query, options.baseUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`));
    }
    if (coll !== 'users' || !id) throw new HttpError(404, 'NotFound', `No route for ${method} ${req.url}`);
    // Mail.Send as the configured mailbox (issue 22 e-mail fallback): recorded, 202 like Graph.
    if (a === 'sendMail' && b === undefined && method === 'POST') {
      const body = parseJsonObject(raw) as { message?: { subject?: string; body?: { content?: string }; toRecipients?: { emailAddress?: { address?: string } }[] } };
      const to = body.message?.toRecipients?.map((r) => r.emailAddress?.address ?? '') ?? [];
      if (!body.message || !to.length || !to.every(Boolean)) throw new HttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      state.mails.push({ from: decodeURIComponent(id), to, subject: body.message.subject ?? '', html: body.message.body?.content ?? '' });
      return sendJson(res, 202, undefined);
    }
    if (a === undefined && method === 'GET') return sendJson(res, 200, { '@odata.context': `${GRAPH}/$metadata#users/$entity`, ...graphUser(user(id)) });
    if (a === 'manager' && b === undefined && method === 'GET') {
      const mgr = state.findUser(user(id).managerAadObjectId);
      if (!mgr) throw notFound('manager');
      return sendJson(res, 200, { '@odata.context': `${GRAPH}/$metadata#directoryObjects/$entity`, ...graphUser(mgr) });
    }
    if (a !== 'teamwork' || b !== 'installedApps') throw new HttpError(404, 'NotFound', `No route for ${method} ${req.url}`);
    const u = user(id, 'NotFound');
    if (c === undefined && method === 'POST') { install(u, parseJsonObject(raw)); return sendJson(res, 201, undefined); }
    if (c === undefined && method === 'GET') return sendJson(res, 200, installedApps(u, query));
    if (c !== undefined) installation(u, c);
    if (c !== undefined && d === undefined && method === 'GET') {
      return sendJson(res, 200, { '@odata.context': `${GRAPH}/$metadata#users('${u.aadObjectId}')/teamwork/installedApps/$entity`, id: c, teamsApp: teamsApp() });
    }
    if (c !== undefined && d === undefined && method === 'DELETE') { state.installed.delete(u.aadObjectId); return sendJson(res, 204, undefined); }
    if (c !== undefined && d === 'chat' && method === 'GET') {
      const now = new Date().toISOString();
      return sendJson(res, 200, {
        '@odata.context': `${GRAPH}/$metadata#chats/$entity`, id: state.chatIdFor(u.aadObjectId), topic: null, createdDateTime: now,
        lastUpdatedDateTime: now, chatType: 'oneOnOne', webUrl: null, tenantId: u.tenantId, onlineMeetingInfo: null, viewpoint: null,
      });
    }
    throw new HttpError(405, 'MethodNotAllowed', `${method} not supported on ${req.url}`);
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : new HttpError(500, 'InternalServerError', err instanceof Error ? err.message : String(err));
      const innerError = { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': req.headers['client-request-id'] ?? randomUUID() };
      sendJson(res, e.status, { error: { code: e.code, message: e.message, innerError } }, e.headers);
    });
  });
}
