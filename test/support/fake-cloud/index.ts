/** Local stand-ins for the Bot Connector and Microsoft Graph, sharing one in-memory state. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Timers, createConnectorServer, createFaults, type Faults } from './connector';
import { createGraphServer } from './graph';
import { FakeCloudState, defaultRateLimits, type RateLimits } from './state';

export * from './state';
export { type Faults } from './connector';
export { MAX_PRESENCE_IDS } from './presence';
export { FakeDirectory, type EntraUser } from './directory';

export interface FakeCloudOptions {
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Ports (default 0 = random free port). */
  connectorPort?: number;
  graphPort?: number;
  /** Bot (Entra app) id: `from.application.id` in Graph messages (default 00000000-0000-0000-0000-00000000b075). */
  botId?: string;
  /** Teams app catalog id accepted in `teamsApp@odata.bind` (default = botId). */
  appId?: string;
  /** Manifest id (`teamsApp/externalId`, default = appId). */
  appExternalId?: string;
  appDisplayName?: string;
  /** Override any documented limit (each list replaces the default list). */
  limits?: Partial<RateLimits>;
  /** Initial fault settings; the returned `faults` object stays mutable. */
  faults?: Partial<Faults>;
  /** Connector: 401 without `Authorization: Bearer` (Graph always requires it). */
  requireAuth?: boolean;
  /** Retry-After seconds on every 429, both servers (default 1; fractional allowed). */
  retryAfterSeconds?: number;
  /** Connector: max activity size in bytes (default 28 672 ≈ Teams 28 KB) → 413. */
  maxActivityBytes?: number;
  /** Clock for `at` and rate-limit windows (epoch ms). */
  now?: () => number;
}

export interface FakeCloud {
  /** Bot serviceUrl, no trailing slash (e.g. http://127.0.0.1:3979). */
  connectorUrl: string;
  /** Graph root without version, no trailing slash (paths are `${graphUrl}/v1.0/...`). */
  graphUrl: string;
  state: FakeCloudState;
  faults: Faults;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const host = options.host ?? '127.0.0.1';
  const botId = options.botId ?? '00000000-0000-0000-0000-00000000b075';
  const appId = options.appId ?? botId;
  const app = { id: appId, externalId: options.appExternalId ?? appId, displayName: options.appDisplayName ?? 'Anshin', botId };
  const state = new FakeCloudState(app, { ...defaultRateLimits(), ...options.limits }, options.now);
  const faults = createFaults(options.faults);
  const timers = new Timers();
  const retryAfterSeconds = options.retryAfterSeconds;
  const connector = createConnectorServer(state, faults, {
    requireAuth: options.requireAuth, retryAfterSeconds, maxActivityBytes: options.maxActivityBytes,
  }, timers);
  const graph = createGraphServer(state, faults, { retryAfterSeconds }, timers);
  try {
    const [cPort, gPort] = await Promise.all([
      listen(connector, options.connectorPort ?? 0, host),
      listen(graph, options.graphPort ?? 0, host),
    ]);
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      connectorUrl: `http://${urlHost}:${cPort}`,
      graphUrl: `http://${urlHost}:${gPort}`,
      state,
      faults,
      async stop() {
        timers.cancelAll();
        await Promise.all([close(connector), close(graph)]);
      },
    };
  } catch (err) {
    timers.cancelAll();
    await Promise.all([close(connector), close(graph)]);
    throw err;
  }
}
