/**
 * The Microsoft Graph client. One instance per process; every Graph area (installed apps, chats,
 * directory…) takes it as a dependency so tests can point it at the local fake Graph.
 */
import type { TokenCredential } from '@azure/identity';
import { Client, GraphError, HTTPMessageHandler, type AuthenticationProvider, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { parseRetryAfter } from '../delivery/connector-client';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const PUBLIC_GRAPH_ORIGIN = 'https://graph.microsoft.com';

export interface GraphClientOptions {
  /** Graph root without version, e.g. `https://graph.microsoft.com/` or `http://127.0.0.1:PORT/`. */
  readonly baseUrl: string;
  /** Production: app credentials (client secret / certificate / managed identity). */
  readonly credential?: TokenCredential;
  /** Local and test use only: a fixed bearer token. */
  readonly staticToken?: string;
  /** Per-request time limit; Graph calls sit on the delivery path, so a hung socket must not stall it. */
  readonly timeoutMs?: number;
}

/**
 * Attaches the bearer token itself. The SDK's AuthenticationHandler only recognises `https://`
 * URLs (even for customHosts), so over plain http (the local fake) it would send no token at all.
 * The token goes only to the configured Graph origin, never to a host named in a response.
 */
class BearerHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly provider: AuthenticationProvider,
    private readonly origins: ReadonlySet<string>,
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = (context.options ??= {});
    const headers = new Headers(options.headers);
    if (this.origins.has(originOf(url))) {
      headers.set('Authorization', `Bearer ${await this.provider.getAccessToken()}`);
    } else {
      headers.delete('Authorization');
    }
    options.headers = headers;
    options.signal ??= AbortSignal.timeout(this.timeoutMs);
    if (!this.next) throw new Error('BearerHandler: no next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl);
  const provider = authProvider(options);
  // No RetryHandler on purpose: callers decide about retries (the delivery worker reschedules and
  // pauses the tenant), so a 429 must come back at once instead of blocking a slot for seconds.
  const middleware: Middleware[] = [
    new BearerHandler(provider, new Set([base.origin, PUBLIC_GRAPH_ORIGIN]), options.timeoutMs ?? 15_000),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({
    baseUrl: base.href,
    defaultVersion: 'v1.0',
    customHosts: new Set([base.hostname]),
    middleware,
  });
}

function authProvider(options: GraphClientOptions): AuthenticationProvider {
  if (options.credential) return new TokenCredentialAuthenticationProvider(options.credential, { scopes: [GRAPH_SCOPE] });
  const token = options.staticToken;
  if (token) return { getAccessToken: async () => token };
  throw new Error('createGraphClient: either credential or staticToken is required');
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export interface GraphErrorInfo {
  /** HTTP status; 0 when there was no answer (network error, timeout, token failure). */
  readonly status: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  /** Safe to log: the Graph error message, never headers or tokens. */
  readonly message: string;
}

/** Status, Graph error code and Retry-After of anything a Graph call threw. */
export function graphErrorInfo(err: unknown, now = Date.now()): GraphErrorInfo {
  if (err instanceof GraphError) {
    const status = err.statusCode > 0 ? err.statusCode : 0;
    const retryAfterMs = parseRetryAfter(err.headers?.get('retry-after') ?? null, now);
    return { status, code: err.code ?? undefined, retryAfterMs, message: err.message || err.code || `HTTP ${status}` };
  }
  return { status: 0, message: err instanceof Error ? err.name || 'Error' : 'error' };
}

/**
 * Follows an `@odata.nextLink`. The SDK only strips `https://` roots from absolute URLs, so an
 * http link (local fake) would be appended to the base URL; we re-base every link on the client's
 * own base URL, which also keeps the bearer token from following a link to another host.
 */
export function followNextLink<T>(client: Client, nextLink: string): Promise<T> {
  const url = new URL(nextLink);
  const [, version = 'v1.0', ...rest] = url.pathname.split('/');
  return client.api(`/${rest.join('/')}${url.search}`).version(version).get() as Promise<T>;
}
