/** Shared in-memory state of the local Bot Connector and Graph fakes: users, installs, conversations,
 *  delivered activities, counters and sliding-window rate limiters. */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { FakePresence } from './presence';
import { FakeDirectory } from './directory';

export interface FakeUser {
  aadObjectId: string; teamsUserId: string; tenantId: string; name: string; email: string;
  department?: string; officeLocation?: string; preferredLanguage?: string; managerAadObjectId?: string;
}

/** `teamsUserId` defaults to `29:` + aadObjectId; `installed` (bot app installed) defaults to false. */
export type AddUserInput = Omit<FakeUser, 'teamsUserId' | 'email'> & { teamsUserId?: string; email?: string; installed?: boolean };

/** Ids are `${prefix ?? 'user-'}${5-digit index}` from `start` (default: first free index ≥ 1), mail `${id}@${domain ?? 'contoso.example'}`. */
export interface AddUsersOptions {
  installed?: boolean; department?: string; managerAadObjectId?: string; preferredLanguage?: string;
  officeLocation?: string; prefix?: string; start?: number; domain?: string;
}

/** origin: `create` = POST /v3/conversations, `auto` = first used directly by a send. userAadObjectId: the
 *  known 1:1 user. extraMembers: raw recipient accounts of auto-registered conversations with unknown users. */
export interface FakeConversation {
  id: string; tenantId: string; isGroup: boolean; userAadObjectId?: string; origin: 'create' | 'auto';
  extraMembers: Array<{ id: string; name?: string; aadObjectId?: string }>;
}

export type DeliveryKind = 'send' | 'reply' | 'update';

/** A bot activity as accepted by the fake connector. `activity` is the JSON body. */
export interface BotActivity {
  type?: string; id?: string; text?: string;
  attachments?: Array<{ contentType?: string; content?: unknown; [k: string]: unknown }>;
  [key: string]: unknown;
}

/** userId: recipient AAD object id when known (else raw recipient id). at: epoch ms (fractional, monotonic).
 *  messageId: id of the same message in Graph chat messages (differs from activityId, as in Teams). */
export interface DeliveredRecord {
  kind: DeliveryKind; tenantId: string; conversationId: string; userId: string | undefined;
  activityId: string; activity: BotActivity; at: number; messageId: string;
}

export interface WindowLimit { limit: number; windowMs: number }

/** Sliding-window limiter over accepted timestamps, keyed (tenant, conversation, ...). */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly horizon: number;
  constructor(readonly limits: readonly WindowLimit[]) {
    this.horizon = Math.max(0, ...limits.map((l) => l.windowMs));
  }
  /** True when one more request at `now` would stay within every limit. */
  allows(key: string, now: number): boolean {
    const ts = this.hits.get(key) ?? [];
    return this.limits.every((l) => ts.length - firstAfter(ts, now - l.windowMs) < l.limit);
  }
  record(key: string, now: number): void {
    const ts = this.hits.get(key) ?? [];
    if (ts.push(now) === 1) this.hits.set(key, ts);
    const firstKept = firstAfter(ts, now - this.horizon);
    if (firstKept > 1024) ts.splice(0, firstKept);
  }
  reset(): void { this.hits.clear(); }
}

/** Index of the first timestamp strictly greater than `t` (ts sorted ascending). */
function firstAfter(ts: readonly number[], t: number): number {
  let lo = 0, hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] ?? 0) > t) hi = mid; else lo = mid + 1;
  }
  return lo;
}

export interface AppInfo { id: string; externalId: string; displayName: string; botId: string }

/** Documented limits. tenant: sends, replies, updates, creates (50/1 s); conversation: sends, replies, updates
 *  (7/1 s, 8/2 s, 60/30 s, 1800/3600 s); graphInstall: Graph proactive installs per tenant (30/1 s). */
export interface RateLimits { tenant: WindowLimit[]; conversation: WindowLimit[]; graphInstall: WindowLimit[] }

export const defaultRateLimits = (): RateLimits => ({
  tenant: [{ limit: 50, windowMs: 1000 }],
  conversation: [
    { limit: 7, windowMs: 1000 }, { limit: 8, windowMs: 2000 },
    { limit: 60, windowMs: 30_000 }, { limit: 1800, windowMs: 3_600_000 },
  ],
  graphInstall: [{ limit: 30, windowMs: 1000 }],
});

/** `connector429` = every 429 answered by the connector (rate-limited + injected). */
export interface StateCounters {
  connector429: number; rateLimited429: number; injected429: number; injected500: number; injected503: number;
  timeouts: number; forbidden403: number; gone404: number; graph429: number;
}

const zeroCounters = (): StateCounters => ({
  connector429: 0, rateLimited429: 0, injected429: 0, injected500: 0, injected503: 0,
  timeouts: 0, forbidden403: 0, gone404: 0, graph429: 0,
});

const shortHash = (s: string, len: number): string => createHash('sha256').update(s).digest('base64url').slice(0, len);

export class FakeCloudState {
  readonly users = new Map<string, FakeUser>();
  readonly installed = new Set<string>();
  readonly conversations = new Map<string, FakeConversation>();
  readonly delivered: DeliveredRecord[] = [];
  /** Graph sendMail calls: the mailbox it was sent as, recipients, subject and HTML body. */
  readonly mails: { from: string; to: string[]; subject: string; html: string }[] = [];
  readonly events = new EventEmitter();
  /** Teams presence served by the local Graph (`POST /communications/getPresencesByUserId`). */
  readonly presence = new FakePresence();
  /** Entra users and groups for the directory sync (`GET /users/delta`, `/groups/{id}/transitiveMembers`);
   *  each user put there is also a user of this state (for `/users/{id}`, `/manager` and the connector). */
  readonly directory = new FakeDirectory({
    put: (u, tenantId) => {
      this.addUser({
        aadObjectId: u.id, tenantId, name: u.displayName, email: u.mail ?? u.userPrincipalName, department: u.department ?? undefined,
        officeLocation: u.officeLocation ?? undefined, preferredLanguage: u.preferredLanguage ?? undefined, managerAadObjectId: u.managerId ?? undefined,
      });
    },
    remove: (id) => { this.users.delete(id); },
  });
  counters: StateCounters = zeroCounters();
  private readonly teamsIdToAad = new Map<string, string>();
  private readonly oneOnOne = new Map<string, string>();
  private readonly latest = new Map<string, DeliveredRecord>();
  private readonly accepted = new Map<string, number[]>();
  private lastMessageId = 0;
  readonly tenantLimiter: SlidingWindowLimiter;
  readonly conversationLimiter: SlidingWindowLimiter;
  readonly graphInstallLimiter: SlidingWindowLimiter;

  /** `now` is the clock used for `at` and all limit windows (default: monotonic epoch ms). */
  constructor(readonly app: AppInfo, limits = defaultRateLimits(), readonly now = () => performance.timeOrigin + performance.now()) {
    this.events.setMaxListeners(0);
    this.tenantLimiter = new SlidingWindowLimiter(limits.tenant);
    this.conversationLimiter = new SlidingWindowLimiter(limits.conversation);
    this.graphInstallLimiter = new SlidingWindowLimiter(limits.graphInstall);
  }

  addUser(input: AddUserInput): FakeUser {
    const { installed, ...rest } = input;
    const user: FakeUser = {
      ...rest, teamsUserId: input.teamsUserId ?? `29:${input.aadObjectId}`, email: input.email ?? `${input.aadObjectId}@contoso.example`,
    };
    this.users.set(user.aadObjectId, user);
    this.teamsIdToAad.set(user.teamsUserId, user.aadObjectId);
    if (installed) this.installed.add(user.aadObjectId);
    return user;
  }

  addUsers(n: number, tenantId: string, opts: AddUsersOptions = {}): FakeUser[] {
    const { prefix = 'user-', start, domain = 'contoso.example', ...rest } = opts;
    let first = start ?? 1;
    while (start === undefined && this.users.has(`${prefix}${String(first).padStart(5, '0')}`)) first++;
    const out: FakeUser[] = [];
    for (let i = first; i < first + n; i++) {
      const num = String(i).padStart(5, '0'), id = `${prefix}${num}`;
      out.push(this.addUser({ ...rest, aadObjectId: id, tenantId, name: `User ${num}`, email: `${id}@${domain}` }));
    }
    return out;
  }

  /** Resolve an AAD object id, Teams user id (`29:...`) or mail/UPN to a user. */
  findUser(id: string | undefined): FakeUser | undefined {
    if (!id) return undefined;
    const direct = this.users.get(id) ?? this.users.get(this.teamsIdToAad.get(id) ?? '');
    if (direct) return direct;
    const lower = id.toLowerCase();
    for (const u of this.users.values()) if (u.email.toLowerCase() === lower) return u;
    return undefined;
  }

  /** True if `id` (either id form) or the user's other id is in `set`. */
  userIn(set: ReadonlySet<string>, id: string | undefined): boolean {
    if (!id) return false;
    const u = this.findUser(id);
    return set.has(id) || (u !== undefined && (set.has(u.aadObjectId) || set.has(u.teamsUserId)));
  }

  /** The stable 1:1 conversation for user+tenant (created on first call). */
  oneOnOneConversation(user: FakeUser, tenantId: string): FakeConversation {
    const key = `${tenantId}|${user.aadObjectId}`;
    const existing = this.conversations.get(this.oneOnOne.get(key) ?? '');
    if (existing) return existing;
    // A removed conversation is replaced by one with a new id, as Teams does after a re-install.
    const generation = [...this.removedConversations].filter((id) => this.removedOneOnOne.get(id) === key).length;
    const conv: FakeConversation = {
      id: `a:1${shortHash(`conv|${key}|${this.app.botId}${generation ? `|${generation}` : ''}`, 40)}`,
      tenantId, isGroup: false, userAadObjectId: user.aadObjectId, origin: 'create', extraMembers: [],
    };
    this.conversations.set(conv.id, conv);
    this.oneOnOne.set(key, conv.id);
    return conv;
  }

  /** Conversations Teams no longer knows (the app was removed and added again): sends → 404 ConversationNotFound. */
  readonly removedConversations = new Set<string>();
  private readonly removedOneOnOne = new Map<string, string>();

  /** Makes a conversation disappear; the next create for its user opens a new one. */
  removeConversation(id: string): void {
    this.removedConversations.add(id);
    this.conversations.delete(id);
    for (const [key, cid] of this.oneOnOne) {
      if (cid !== id) continue;
      this.oneOnOne.delete(key);
      this.removedOneOnOne.set(id, key);
    }
  }

  /** Register (or return) a conversation first seen in a send; tests may call it directly too. */
  registerConversation(id: string, activity: BotActivity = {}): FakeConversation {
    const known = this.conversations.get(id);
    if (known) return known;
    const conv = asRecord(activity['conversation']);
    const recipient = asRecord(activity['recipient']);
    const channelTenant = asRecord(asRecord(activity['channelData'])['tenant'])['id'];
    const recipientId = str(recipient['aadObjectId']) ?? str(recipient['id']);
    const user = this.findUser(recipientId);
    const tenantId = str(conv['tenantId']) ?? str(channelTenant) ?? user?.tenantId ?? 'default-tenant';
    const isGroup = conv['isGroup'] === true || (str(conv['conversationType']) ?? 'personal') !== 'personal';
    const created: FakeConversation = {
      id, tenantId, isGroup, userAadObjectId: user?.aadObjectId, origin: 'auto',
      extraMembers: !user && str(recipient['id'])
        ? [{ id: str(recipient['id']) ?? '', name: str(recipient['name']), aadObjectId: str(recipient['aadObjectId']) }]
        : [],
    };
    this.conversations.set(id, created);
    return created;
  }

  /** Record an accepted request for the per-tenant history (`acceptedTimestamps`). */
  noteAccepted(tenantId: string, at: number): void {
    const ts = this.accepted.get(tenantId);
    if (ts) ts.push(at); else this.accepted.set(tenantId, [at]);
  }

  /** Record a delivered activity and notify `onActivity` listeners. */
  deliver(kind: DeliveryKind, conv: FakeConversation, activityId: string, activity: BotActivity, at: number): DeliveredRecord {
    const prev = this.latest.get(`${conv.id}|${activityId}`);
    const recipient = asRecord(activity['recipient']);
    const messageId = prev?.messageId ?? String((this.lastMessageId = Math.max(Math.floor(Date.now()), this.lastMessageId + 1)));
    const rec: DeliveredRecord = {
      kind, tenantId: conv.tenantId, conversationId: conv.id, activityId, activity, at, messageId,
      userId: conv.userAadObjectId ?? str(recipient['aadObjectId']) ?? str(recipient['id']),
    };
    this.delivered.push(rec);
    this.latest.set(`${conv.id}|${activityId}`, rec);
    this.events.emit('activity', rec);
    return rec;
  }

  hasActivity(conversationId: string, activityId: string): boolean { return this.latest.has(`${conversationId}|${activityId}`); }

  /** Latest version of every message delivered to the user's 1:1 chats, oldest first. */
  messagesForUser(aadObjectId: string): DeliveredRecord[] {
    return [...this.latest.values()]
      .filter((r) => r.userId === aadObjectId && this.conversations.get(r.conversationId)?.isGroup === false)
      .sort((a, b) => Number(a.messageId) - Number(b.messageId));
  }

  /** Graph 1:1 chat id between the user and the bot (differs from the connector conversation id). */
  chatIdFor(aadObjectId: string): string { return `19:${aadObjectId}_${this.app.botId}@unq.gbl.spaces`; }
  userForChatId(chatId: string): FakeUser | undefined {
    const suffix = `_${this.app.botId}@unq.gbl.spaces`;
    return chatId.startsWith('19:') && chatId.endsWith(suffix) ? this.users.get(chatId.slice(3, -suffix.length)) : undefined;
  }
  installationIdFor(aadObjectId: string): string {
    return Buffer.from(`${aadObjectId}##${this.app.id}`).toString('base64url');
  }

  acceptedTimestamps(tenantId: string): number[] { return [...(this.accepted.get(tenantId) ?? [])]; }

  /** Max number of accepted requests of the tenant inside any window [t, t + windowMs). */
  maxInWindow(tenantId: string, windowMs = 1000): number {
    const ts = this.accepted.get(tenantId) ?? [];
    let max = 0;
    for (let i = 0, j = 0; j < ts.length; j++) {
      while ((ts[j] ?? 0) - (ts[i] ?? 0) >= windowMs) i++;
      max = Math.max(max, j - i + 1);
    }
    return max;
  }

  /** Sends and replies carrying attachments to the user (AAD id or Teams id). */
  cardsFor(userId: string): DeliveredRecord[] {
    const aad = this.findUser(userId)?.aadObjectId ?? userId;
    return this.delivered.filter((r) => r.kind !== 'update' && r.userId === aad && (r.activity.attachments?.length ?? 0) > 0);
  }

  /** Number of sends+replies per user id (updates excluded). */
  countByUser(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.delivered) if (r.kind !== 'update' && r.userId !== undefined) out.set(r.userId, (out.get(r.userId) ?? 0) + 1);
    return out;
  }

  onActivity(listener: (rec: DeliveredRecord) => void): () => void {
    this.events.on('activity', listener);
    return () => this.events.off('activity', listener);
  }

  /** Resolve with the first delivery (already recorded or future) matching `pred`. */
  waitForActivity(pred: (rec: DeliveredRecord) => boolean, timeoutMs = 5000): Promise<DeliveredRecord> {
    const found = this.delivered.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`no matching activity within ${timeoutMs} ms`)); }, timeoutMs);
      const off = this.onActivity((rec) => { if (pred(rec)) { clearTimeout(timer); off(); resolve(rec); } });
    });
  }

  /** Clears users, installs, conversations, deliveries, counters and rate-limit windows (not faults). */
  reset(): void {
    for (const m of [this.users, this.conversations, this.teamsIdToAad, this.oneOnOne, this.latest, this.accepted]) m.clear();
    for (const l of [this.tenantLimiter, this.conversationLimiter, this.graphInstallLimiter]) l.reset();
    this.installed.clear(); this.delivered.length = 0; this.presence.reset(); this.directory.reset();
    this.counters = zeroCounters();
  }
}

export function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
