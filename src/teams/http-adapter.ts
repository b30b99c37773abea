import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, UserTokenClient } from 'botframework-connector';
import type { BotHttpReply, BotHttpRequest } from '../http/bot-endpoint';
import type { Logger } from '../log/logger';
import { isWellFormed } from './inbound';

const AUTH_FAILURE = /signature|jwt|token|unauthori[sz]ed|issuer|audience|endorse/i;

/**
 * Teams AI's adapter with the SDK's processActivity — authentication, the turn, the invoke's answer —
 * callable without its process(), which checks the request's shape with zod schemas it builds anew for
 * every request (and a response object's); the body here is checked already (src/teams/inbound.ts).
 */
export class BotAdapter extends TeamsAdapter {
  private readonly connectors = new SharedClients<ConnectorClient>();
  private readonly userTokenClients = new SharedClients<UserTokenClient>();

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    // processActivity (and the SDK's proactive calls) ask the authentication for a turn's user-token client.
    const auth = this.botFrameworkAuthentication;
    const create = auth.createUserTokenClient.bind(auth);
    auth.createUserTokenClient = (claimsIdentity: ClaimsIdentity) => this.userTokenClients.get(appIdOf(claimsIdentity), () => create(claimsIdentity));
  }

  async serve(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    return this.processActivity(this.withSharedClients(authenticated), activity, logic);
  }

  /**
   * The SDK builds a connector client and a user-token client (each an Azure HTTP pipeline and
   * credentials) for every activity, also for an invoke whose answer goes back in the HTTP response
   * and for a bot that never asks for a user's token. A client holds no state of a turn (its
   * credentials cache the bot's token), so one connector client per service URL, audience and bot app
   * id, and one user-token client per bot app id, are shared by the turns, as the SDK's older
   * BotFrameworkAdapter kept them. At most 64 of each are kept: Teams has a handful of service URLs; a
   * token's service URL is checked by the SDK before this runs.
   */
  private withSharedClients(authenticated: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = authenticated.connectorFactory;
    if (!factory) return authenticated;
    const appId = appIdOf(authenticated.claimsIdentity);
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
      this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience));
    return { ...authenticated, connectorFactory: { create } };
  }
}

/** The bot app id(s) a token names: its audience and, from a skill or the emulator, its appid. */
const appIdOf = (identity: ClaimsIdentity) => `${identity.getClaimValue('aud') ?? ''} ${identity.getClaimValue('appid') ?? ''}`;

/** Clients kept by key, at most 64, the oldest dropped first; a client whose creation failed is forgotten. */
class SharedClients<T> {
  private readonly kept = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.kept.get(key);
    if (kept) return kept;
    const client = make();
    if (this.kept.size >= MAX_SHARED) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, client);
    client.catch(() => {
      if (this.kept.get(key) === client) this.kept.delete(key);
    });
    return client;
  }
}

const MAX_SHARED = 64;

/** How the turn logic ended: served, or refused after authentication (the request itself was fine). */
export type TurnOutcome = 'served' | 'forbidden' | 'notTeams' | 'notIdentified';

/** The only bodies a refused request gets: fixed, so nobody learns internals, tenants or the SDK's wording. */
const REFUSALS = {
  unauthorized: { status: 401, body: { error: 'unauthorized' } },
  forbidden: { status: 403, body: { error: 'tenant not allowed' } },
  notTeams: { status: 403, body: { error: 'channel not allowed' } },
  notIdentified: { status: 403, body: { error: 'sender not identified' } },
  badRequest: { status: 400, body: { error: 'bad request' } },
  internal: { status: 500, body: { error: 'internal error' } },
} as const;

const refusal = (kind: keyof typeof REFUSALS): BotHttpReply => ({ ...REFUSALS[kind], headers: {} });

/**
 * Runs one /api/messages request through the SDK's adapter and returns what it answered.
 * Order: a token at all (outside local mode) → a well-formed activity (src/teams/inbound.ts; its shape
 * reveals nothing) → the SDK's JWT validation → the turn logic, which alone looks at the tenant. So a
 * caller without a valid token always gets the same 401, whatever tenant it names. Every refusal has a fixed body; the SDK's texts (and its 500 for a
 * bad signature, its 501 for an unanswered invoke) never reach the caller.
 */
export async function processBotRequest(
  adapter: BotAdapter,
  request: BotHttpRequest,
  logic: (context: TurnContext) => Promise<TurnOutcome>,
  options: { readonly requireToken: boolean; readonly logger: Logger },
): Promise<BotHttpReply> {
  const { logger } = options;
  const authorization = headerOf(request.headers, 'authorization');
  if (options.requireToken && !/^Bearer \S+$/i.test(authorization ?? '')) return refusal('unauthorized');
  const body = request.body;
  if (!isRecord(body) || !isWellFormed(body)) return refusal('badRequest');

  let status = 200;
  let replyBody: unknown;
  let outcome: TurnOutcome = 'served';
  try {
    const invokeResponse = await adapter.serve(authorization ?? '', withDates(body) as unknown as Activity, async (context) => {
      outcome = await logic(context);
    });
    status = invokeResponse?.status ?? 200;
    replyBody = invokeResponse?.body;
  } catch (err) {
    // As process() answers: an authentication error (the SDK's carry statusCode 401) 401, anything else 500.
    status = (err as { statusCode?: unknown })?.statusCode === 401 ? 401 : 500;
    replyBody = err instanceof Error ? err.message : String(err);
  }

  if (status === 401 || (status >= 500 && typeof replyBody === 'string' && AUTH_FAILURE.test(replyBody))) {
    logger.warn('rejected a request with an invalid token');
    return refusal('unauthorized');
  }
  if (outcome !== 'served') return refusal(outcome);
  // 501: an invoke nobody answered (a name the bot does not handle).
  if (status === 501 || (status >= 400 && status < 500)) return refusal('badRequest');
  if (status >= 500) return refusal('internal');
  return { status, headers: {}, body: replyBody };
}

/**
 * The activity's timestamps as Dates (the raw text kept beside them), as the SDK's process() prepares
 * an activity before its turn.
 */
function withDates(body: Record<string, unknown>): Record<string, unknown> {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

function headerOf(headers: BotHttpRequest['headers'], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
