/**
 * The Entra directory as Graph serves it: users through delta query (`GET /users/delta`, paged by
 * `@odata.nextLink` until an `@odata.deltaLink`; permission User.Read.All) with their manager
 * expanded, and the users in a group, nested groups included (`GET /groups/{id}/transitiveMembers/
 * microsoft.graph.user`; GroupMember.Read.All). 429 waits out Retry-After, 5xx and network errors
 * are retried a few times; what is still failing is thrown for the caller's next run.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log/logger';
import { followNextLink, graphErrorInfo, type GraphErrorInfo } from './client';

/** The user properties the sync reads; a delta round keeps the selection of its first request. */
const USER_FIELDS = 'id,displayName,mail,userPrincipalName,department,officeLocation,city,state,preferredLanguage,accountEnabled,usageLocation';
const MAX_PAGES = 10_000;

export interface DirectoryUser {
  readonly id: string;
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
  readonly department?: string | null;
  readonly officeLocation?: string | null;
  readonly city?: string | null;
  readonly state?: string | null;
  readonly preferredLanguage?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly usageLocation?: string | null;
  /** The manager's object id; null: none; undefined: not in this answer (unchanged in a delta round). */
  readonly managerId?: string | null;
}

export interface DeltaPage {
  readonly users: readonly DirectoryUser[];
  /** Users deleted (or moved out of the tenant) since the round began: `@removed` entries. */
  readonly removed: readonly string[];
  readonly nextLink?: string;
  readonly deltaLink?: string;
}

/** The stored delta link is too old or unknown (410, or 400 `syncStateNotFound`): sync everything again. */
export class DeltaExpiredError extends Error {
  readonly code = 'DIRECTORY.DELTA_EXPIRED';
}

/** Graph kept failing after the retries (or refused the call): the run stops, the next one retries. */
class DirectoryReadError extends Error {
  readonly code = 'DIRECTORY.READ_FAILED';
  constructor(readonly info: GraphErrorInfo) {
    super(`Graph ${info.status || 'unreachable'}${info.code ? ` ${info.code}` : ''}: ${info.message}`);
  }
}

export interface DirectoryReaderOptions {
  readonly client: Client;
  readonly logger: Logger;
  /** Aborts waits and retries at shutdown. */
  readonly signal?: AbortSignal;
  /** Retries of a 5xx or network failure (default 3). */
  readonly maxRetries?: number;
  /** 429s waited out per call (default 10); a Retry-After is capped at maxWaitMs (default 120 s). */
  readonly maxThrottleWaits?: number;
  readonly maxWaitMs?: number;
  readonly backoffMs?: number;
}

export interface DirectoryReader {
  /** The first page of a full round (no link), or the page a stored nextLink / deltaLink names. */
  usersPage(link?: string): Promise<DeltaPage>;
  /** Object ids of the users in a group, nested groups included; undefined when the group cannot be read (404/403). */
  groupMembers(groupId: string): Promise<Set<string> | undefined>;
  /** 429s waited out so far. */
  readonly throttled: () => number;
}

type Item = Record<string, unknown>;
interface Page { value?: Item[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }

export function createDirectoryReader(options: DirectoryReaderOptions): DirectoryReader {
  const { client, logger, signal } = options;
  const maxRetries = options.maxRetries ?? 3;
  const maxThrottleWaits = options.maxThrottleWaits ?? 10;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const backoffMs = options.backoffMs ?? 1000;
  let throttled = 0;

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    for (let waits = 0, failures = 0; ; ) {
      signal?.throwIfAborted();
      try {
        return await request();
      } catch (err) {
        signal?.throwIfAborted();
        const info = graphErrorInfo(err);
        if (info.status === 410 || info.code?.toLowerCase() === 'syncstatenotfound' || info.code?.toLowerCase() === 'resyncrequired') {
          throw new DeltaExpiredError(info.message);
        }
        let delay: number | undefined;
        if (info.status === 429 && waits++ < maxThrottleWaits) {
          throttled++;
          delay = Math.min(info.retryAfterMs ?? backoffMs, maxWaitMs);
        } else if ((info.status === 0 || info.status >= 500) && failures++ < maxRetries) {
          delay = backoffMs * 2 ** (failures - 1) * (0.5 + Math.random());
        }
        if (delay === undefined) throw new DirectoryReadError(info);
        logger.warn({ what, status: info.status, code: info.code, retryInMs: Math.round(delay) }, 'directory read failed; retrying');
        await sleep(delay, signal);
      }
    }
  }

  return {
    async usersPage(link) {
      const page = await call('users delta', () =>
        (link ? followNextLink<Page>(client, link) : client.api('/users/delta').select(USER_FIELDS).expand('manager').get()) as Promise<Page>,
      );
      const users: DirectoryUser[] = [];
      const removed: string[] = [];
      for (const item of page.value ?? []) {
        if (typeof item.id !== 'string') continue;
        if (item['@removed'] !== undefined) removed.push(item.id);
        else users.push(toUser(item));
      }
      return { users, removed, nextLink: page['@odata.nextLink'], deltaLink: page['@odata.deltaLink'] };
    },

    async groupMembers(groupId) {
      const members = new Set<string>();
      const path = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`;
      try {
        let page = await call('group members', () => client.api(path).select('id').top(999).get() as Promise<Page>);
        for (let pages = 1; ; pages++) {
          for (const m of page.value ?? []) if (typeof m.id === 'string') members.add(m.id);
          const next = page['@odata.nextLink'];
          if (!next || pages >= MAX_PAGES) return members;
          page = await call('group members', () => followNextLink<Page>(client, next));
        }
      } catch (err) {
        if (err instanceof DirectoryReadError && (err.info.status === 404 || err.info.status === 403)) {
          // Graph's answer, as a warning: the caller decides what an unreadable group means and logs the one error of the sync.
          logger.warn({ groupId, status: err.info.status, code: err.info.code }, 'directory group cannot be read: check the group id and GroupMember.Read.All');
          return undefined;
        }
        throw err;
      }
    },

    throttled: () => throttled,
  };
}

const text = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

function toUser(item: Item): DirectoryUser {
  return {
    id: item.id as string,
    displayName: text(item.displayName),
    mail: text(item.mail),
    userPrincipalName: text(item.userPrincipalName),
    department: text(item.department),
    officeLocation: text(item.officeLocation),
    city: text(item.city),
    state: text(item.state),
    preferredLanguage: text(item.preferredLanguage),
    accountEnabled: typeof item.accountEnabled === 'boolean' ? item.accountEnabled : item.accountEnabled === null ? null : undefined,
    usageLocation: text(item.usageLocation),
    managerId: managerOf(item),
  };
}

/** `manager@delta` (delta shape: a list; an entry with `@removed` takes the manager away) or a plain `manager`. */
function managerOf(item: Item): string | null | undefined {
  const delta = item['manager@delta'];
  if (Array.isArray(delta)) {
    const alive = (delta as Item[]).filter((m) => m && m['@removed'] === undefined && typeof m.id === 'string');
    return alive.length ? (alive[alive.length - 1]?.id as string) : null;
  }
  if ('manager' in item) {
    const m = item.manager as Item | null;
    return m && typeof m.id === 'string' ? m.id : null;
  }
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
