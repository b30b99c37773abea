/** Entra ID users and groups in the local Graph: `GET /users/delta` (pages linked by `@odata.nextLink`, a
 *  final `@odata.deltaLink` whose token returns only the changes since, `@removed` entries, `manager@delta`
 *  with `$expand=manager`, expired tokens → 400 `syncStateNotFound`), `GET /groups/{id}/transitiveMembers
 *  [/microsoft.graph.user]` with `$top` paging, and injected 429 (Retry-After) and 5xx answers. */
import { HttpError } from './connector';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const USER_TYPE = '#microsoft.graph.user';

/** A user as Entra ID holds it. Undefined = never set (left out of answers), null = cleared. */
export interface EntraUser {
  id: string; displayName: string; userPrincipalName: string; mail?: string | null; department?: string | null;
  officeLocation?: string | null; city?: string | null; state?: string | null; postalCode?: string | null;
  preferredLanguage?: string | null; usageLocation?: string | null; accountEnabled?: boolean;
  /** The manager's object id. */
  managerId?: string | null;
}

interface Tracked { user: EntraUser; changedAt: number; removed: boolean; managerChangedAt: number; previousManagerId?: string | null }
interface TokenState { v: number; select: string[] | null; expand: boolean }
type Item = Record<string, unknown>;

export interface DirectoryHooks {
  /** A user was created or changed (the state mirrors it for `/users/{id}`, `/manager` and the connector). */
  put(user: EntraUser, tenantId: string): void;
  remove(id: string): void;
}

export class FakeDirectory {
  /** Users per delta page: Graph picks the page size itself (1,200 users = 3 pages at 500). */
  pageSize = 500;
  /** Default page size of transitiveMembers; `$top` (1–999) overrides it. */
  memberPageSize = 100;
  /** The tenant the mirrored users belong to. */
  tenantId = 'tenant-1';
  /** The next `remaining` directory requests answer 429 with this Retry-After (seconds, fractional allowed). */
  readonly throttle = { remaining: 0, retryAfterSeconds: 1 };
  /** The next `remaining` directory requests answer this 5xx status. */
  readonly outage = { remaining: 0, status: 503 };
  throttled = 0;
  /** Groups the app may not read: transitiveMembers answers 403 (the app lost GroupMember.Read.All, or the group is hidden from it). */
  readonly forbiddenGroups = new Set<string>();
  /** Every directory request answered 200, in order: `initial` / `next` / `delta` pages of /users/delta, `members` pages. */
  readonly requests: Array<'initial' | 'next' | 'delta' | 'members'> = [];
  private version = 0;
  private expiredBelow = 0;
  private nextToken = 0;
  private readonly users = new Map<string, Tracked>();
  private readonly groups = new Map<string, string[]>();
  private readonly pending = new Map<string, { items: Item[]; deltaToken: string }>();

  constructor(private readonly hooks?: DirectoryHooks) {}

  /** Creates or replaces a user (accountEnabled defaults to true). */
  put(user: EntraUser): void {
    const prev = this.users.get(user.id);
    const v = ++this.version;
    const managerChanged = (prev?.removed ? undefined : prev?.user.managerId ?? null) !== (user.managerId ?? null);
    this.users.set(user.id, {
      user: { accountEnabled: true, ...user }, changedAt: v, removed: false,
      managerChangedAt: managerChanged ? v : (prev?.managerChangedAt ?? v), previousManagerId: managerChanged ? prev?.user.managerId : prev?.previousManagerId,
    });
    this.hooks?.put(user, this.tenantId);
  }

  /** Changes some properties of a user. */
  update(id: string, patch: Partial<Omit<EntraUser, 'id'>>): void {
    const t = this.users.get(id);
    if (!t || t.removed) throw new Error(`fake directory: no user ${id}`);
    this.put({ ...t.user, ...patch });
  }

  /** Deletes a user: later delta rounds report it `@removed`, and it leaves every group. */
  remove(id: string): void {
    const t = this.users.get(id);
    if (!t || t.removed) throw new Error(`fake directory: no user ${id}`);
    t.removed = true;
    t.changedAt = ++this.version;
    this.hooks?.remove(id);
  }

  /** `count` users `${prefix}00001`… (from `start`, default 1) with the given properties. */
  addUsers(count: number, props: Partial<Omit<EntraUser, 'id'>> = {}, prefix = 'user-', start = 1): EntraUser[] {
    const out: EntraUser[] = [];
    for (let i = start; i < start + count; i++) {
      const num = String(i).padStart(5, '0');
      const user: EntraUser = { id: `${prefix}${num}`, displayName: `User ${num}`, userPrincipalName: `${prefix}${num}@contoso.example`, mail: `${prefix}${num}@contoso.example`, ...props };
      this.put(user);
      out.push(user);
    }
    return out;
  }

  get(id: string): EntraUser | undefined {
    const t = this.users.get(id);
    return t && !t.removed ? t.user : undefined;
  }

  /** Every user ever put, removed ones included (for comparing a store with the directory). */
  list(): Array<{ user: EntraUser; removed: boolean }> {
    return [...this.users.values()].map((t) => ({ user: t.user, removed: t.removed }));
  }

  /** Members by object id: users, or other groups (nested; transitiveMembers flattens them). */
  setGroup(groupId: string, members: string[]): void { this.groups.set(groupId, [...members]); }

  /** Every delta token handed out so far stops working (Graph keeps them about 7 days). */
  expireDeltaTokens(): void { this.expiredBelow = this.version + 1; }

  reset(): void {
    this.users.clear(); this.groups.clear(); this.forbiddenGroups.clear(); this.pending.clear(); this.requests.length = 0;
    this.throttle.remaining = 0; this.outage.remaining = 0; this.throttled = 0; this.pageSize = 500; this.memberPageSize = 100;
  }

  /** `GET /users/delta` with `$select`/`$expand`, `$skiptoken` (next page) or `$deltatoken` (changes since). */
  delta(query: URLSearchParams, baseUrl: string): Item {
    this.fault();
    const skip = query.get('$skiptoken');
    if (skip) {
      const rest = this.pending.get(skip);
      if (!rest) throw new HttpError(400, 'BadRequest', 'Unknown or expired $skiptoken');
      this.pending.delete(skip);
      this.requests.push('next');
      return this.answer(rest.items, rest.deltaToken, baseUrl);
    }
    const deltaToken = query.get('$deltatoken');
    let state: TokenState;
    let items: Item[];
    if (deltaToken) {
      state = decodeToken(deltaToken);
      if (state.v < this.expiredBelow) {
        throw new HttpError(400, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');
      }
      items = [...this.users.values()].filter((t) => t.changedAt > state.v).map((t) => (t.removed ? { id: t.user.id, '@removed': { reason: 'changed' } } : this.item(t, state, false)));
      this.requests.push('delta');
    } else {
      const expand = query.get('$expand') ?? '';
      if (expand && !/^manager(\(\$select=id\))?$/.test(expand)) throw new HttpError(400, 'BadRequest', `Unsupported $expand in fake Graph: ${expand}`);
      state = { v: 0, select: query.get('$select')?.split(',').map((s) => s.trim()) ?? null, expand: expand !== '' };
      items = [...this.users.values()].filter((t) => !t.removed).map((t) => this.item(t, state, true));
      this.requests.push('initial');
    }
    return this.answer(items, encodeToken({ ...state, v: this.version }), baseUrl);
  }

  /** `GET /groups/{id}/transitiveMembers[/microsoft.graph.user]`: nested groups flattened, deleted users gone. */
  transitiveMembers(groupId: string, cast: string | undefined, query: URLSearchParams, baseUrl: string): Item {
    this.fault();
    if (this.forbiddenGroups.has(groupId)) throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (!this.groups.has(groupId)) {
      throw new HttpError(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
    }
    const top = Number(query.get('$top') ?? this.memberPageSize);
    if (!Number.isInteger(top) || top < 1 || top > 999) throw new HttpError(400, 'BadRequest', '$top must be an integer between 1 and 999');
    const skip = Number(query.get('$skiptoken') ?? '0') || 0;
    const groups = new Set<string>();
    const users = new Set<string>();
    const visit = (id: string) => {
      for (const m of this.groups.get(id) ?? []) {
        if (this.groups.has(m)) {
          if (!groups.has(m)) { groups.add(m); visit(m); }
        } else if (this.get(m)) users.add(m);
      }
    };
    visit(groupId);
    const all: Item[] = [...users].map((id) => ({ '@odata.type': USER_TYPE, id }));
    if (!cast) all.push(...[...groups].map((id) => ({ '@odata.type': '#microsoft.graph.group', id })));
    const path = `groups/${encodeURIComponent(groupId)}/transitiveMembers${cast ? `/${cast}` : ''}`;
    this.requests.push('members');
    return {
      '@odata.context': `${GRAPH}/$metadata#directoryObjects`,
      ...(skip + top < all.length ? { '@odata.nextLink': `${baseUrl}/v1.0/${path}?$top=${top}&$skiptoken=${skip + top}` } : {}),
      value: all.slice(skip, skip + top),
    };
  }

  private fault(): void {
    if (this.throttle.remaining > 0) {
      this.throttle.remaining--;
      this.throttled++;
      throw new HttpError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': String(this.throttle.retryAfterSeconds) });
    }
    if (this.outage.remaining > 0) {
      this.outage.remaining--;
      throw new HttpError(this.outage.status, 'ServiceUnavailable', 'The service is temporarily unavailable.');
    }
  }

  private item(t: Tracked, state: TokenState, full: boolean): Item {
    const out: Item = { id: t.user.id };
    const fields = Object.entries(t.user).filter(([k, v]) => k !== 'id' && k !== 'managerId' && v !== undefined && (!state.select || state.select.includes(k)));
    for (const [k, v] of fields) out[k] = v;
    if (state.expand && (full ? t.user.managerId : t.managerChangedAt > state.v)) {
      out['manager@delta'] = t.user.managerId
        ? [{ '@odata.type': USER_TYPE, id: t.user.managerId }]
        : t.previousManagerId ? [{ '@odata.type': USER_TYPE, id: t.previousManagerId, '@removed': { reason: 'deleted' } }] : [];
    }
    return { '@odata.type': USER_TYPE, ...out };
  }

  private answer(items: Item[], deltaToken: string, baseUrl: string): Item {
    const value = items.slice(0, this.pageSize);
    const out: Item = { '@odata.context': `${GRAPH}/$metadata#users` };
    if (items.length > this.pageSize) {
      const token = `s${++this.nextToken}`;
      this.pending.set(token, { items: items.slice(this.pageSize), deltaToken });
      out['@odata.nextLink'] = `${baseUrl}/v1.0/users/delta?$skiptoken=${token}`;
    } else {
      out['@odata.deltaLink'] = `${baseUrl}/v1.0/users/delta?$deltatoken=${deltaToken}`;
    }
    out.value = value;
    return out;
  }
}

const encodeToken = (s: TokenState): string => Buffer.from(JSON.stringify(s)).toString('base64url');
function decodeToken(token: string): TokenState {
  try {
    const s = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenState;
    if (typeof s.v === 'number') return s;
  } catch { /* answered below */ }
  throw new HttpError(400, 'syncStateNotFound', 'The sync state generation is not found.');
}
