/**
 * Proactive app install (Graph `users/{id}/teamwork/installedApps`) and the lookup of the user's
 * 1:1 chat with the bot. Used by the delivery worker when a recipient has no conversation yet.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AppInstaller } from '../delivery/worker';
import type { Pacer } from '../delivery/pacer';
import type { Logger } from '../log/logger';
import { graphErrorInfo } from './client';

/** Graph allows 30 proactive installs per second per tenant; the composition root creates the pacer at this rate. */
export const GRAPH_INSTALL_RATE_PER_SECOND = 30;
/**
 * Pacer key: the Graph install budget is separate from the 50 rps bot-send budget of the same tenant.
 * @internal exported for the test that reads the pause a 429 leaves.
 */
export const graphPacerKey = (tenantId: string): string => `graph:${tenantId}`;

const CATALOG = 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps';
const THROTTLE_FALLBACK_MS = 2000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60_000;
const MAX_TRACKED_FAILURES = 10_000;

export type InstallResult = Awaited<ReturnType<AppInstaller['install']>>;

/** Finds the Graph chat id of the user's 1:1 chat with the bot (undefined: app not installed / user gone). */
export interface ChatLookup {
  chatIdFor(userId: string): Promise<string | undefined>;
}

export interface GraphAppInstaller extends AppInstaller, ChatLookup {}

export interface AppInstallerOptions {
  readonly client: Client;
  /** App catalog id used in `teamsApp@odata.bind` (for org-published apps this is NOT the manifest id). */
  readonly teamsAppId: string;
  /** Manifest id; when given, installations are looked up by `teamsApp/externalId`, else by `teamsApp/id`. */
  readonly appExternalId?: string;
  /** Shared pacer created with GRAPH_INSTALL_RATE_PER_SECOND; keys are graphPacerKey(tenantId). */
  readonly pacer?: Pacer;
  readonly logger?: Logger;
  readonly random?: () => number;
}

interface InstalledApp {
  id?: string;
  teamsApp?: { id?: string; externalId?: string };
}

export function createAppInstaller(options: AppInstallerOptions): GraphAppInstaller {
  const random = options.random ?? Math.random;
  // Consecutive transient failures per user: the installer interface carries no attempt count,
  // so the backoff is remembered here (bounded map; a lost entry only restarts the backoff).
  const failures = new Map<string, number>();

  const backoff = (userId: string): number => {
    const n = (failures.get(userId) ?? 0) + 1;
    if (failures.size >= MAX_TRACKED_FAILURES && !failures.has(userId)) failures.clear();
    failures.set(userId, n);
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 16));
    return Math.round(ceiling / 2 + random() * (ceiling / 2)); // "equal jitter": never ~0, never above the cap
  };

  const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;

  async function install(params: { userId: string; tenantId: string }): Promise<InstallResult> {
    if (options.pacer) {
      const { firstDelayMs } = await options.pacer.reserve(graphPacerKey(params.tenantId), 1);
      if (firstDelayMs > 0) await sleep(firstDelayMs);
    }
    try {
      await options.client.api(userPath(params.userId)).post({ 'teamsApp@odata.bind': `${CATALOG}/${encodeURIComponent(options.teamsAppId)}` });
      failures.delete(params.userId);
      return 'installed';
    } catch (err) {
      const e = graphErrorInfo(err);
      const log = { userId: params.userId, tenantId: params.tenantId, status: e.status, code: e.code };
      if (e.status === 409) {
        failures.delete(params.userId);
        return 'installed'; // already installed: all we need is that the bot can reach the user
      }
      if (e.status === 403) {
        options.logger?.warn({ ...log, err: e.message }, 'graph: app install forbidden for user');
        return 'forbidden';
      }
      if (e.status === 404) {
        // Either the user or the app (wrong catalog id) is unknown; the message tells which.
        options.logger?.warn({ ...log, err: e.message }, 'graph: app install target not found');
        return 'not_found';
      }
      if (e.status === 429) {
        const retryAfterMs = e.retryAfterMs ?? Math.round(THROTTLE_FALLBACK_MS + random() * THROTTLE_FALLBACK_MS);
        // Share the pause with every process installing into this tenant.
        await options.pacer?.pause(graphPacerKey(params.tenantId), retryAfterMs).catch(() => undefined);
        options.logger?.info({ ...log, retryAfterMs }, 'graph: app install throttled');
        return { retryAfterMs };
      }
      // 5xx, network, token failures and unexpected 4xx (400/401): retry later with a bounded backoff.
      const retryAfterMs = Math.max(backoff(params.userId), e.retryAfterMs ?? 0);
      options.logger?.warn({ ...log, retryAfterMs, err: e.message }, 'graph: app install failed; will retry');
      return { retryAfterMs };
    }
  }

  async function chatIdFor(userId: string): Promise<string | undefined> {
    const [field, value] = options.appExternalId ? (['externalId', options.appExternalId] as const) : (['id', options.teamsAppId] as const);
    let apps: InstalledApp[];
    try {
      const res = (await options.client
        .api(userPath(userId))
        .expand('teamsApp')
        .filter(`teamsApp/${field} eq '${value.replace(/'/g, "''")}'`)
        .get()) as { value?: InstalledApp[] };
      apps = res.value ?? [];
    } catch (err) {
      if (graphErrorInfo(err).status === 404) return undefined; // user gone
      throw err;
    }
    // The filter already selects our app; checking again guards against a service ignoring it.
    const app = apps.find((a) => a.id && (!a.teamsApp || a.teamsApp[field] === value));
    if (!app?.id) return undefined;
    try {
      const chat = (await options.client.api(`${userPath(userId)}/${encodeURIComponent(app.id)}/chat`).get()) as { id?: unknown };
      return typeof chat.id === 'string' && chat.id ? chat.id : undefined;
    } catch (err) {
      if (graphErrorInfo(err).status === 404) return undefined; // uninstalled in between
      throw err;
    }
  }

  return { install, chatIdFor };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
