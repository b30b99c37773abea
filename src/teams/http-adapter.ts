import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, ConnectorClient } from 'botframework-connector';
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
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  async serve(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    return this.processActivity(this.withSharedConnectors(authenticated), activity, logic);
  }

  /**
   * The SDK builds a connector client (an Azure HTTP pipeline and credentials) for every activity,
   * also for an invoke whose answer goes back in the HTTP response. A client holds no state of a
   * turn (its credentials cache the bot's token), so one per service URL, audience and bot app id is
   * shared by the turns, as the SDK's older BotFrameworkAdapter kept them. At most 64 are kept: Teams
   * has a handful of service URLs; a token's service URL is checked by the SDK before this runs.
   */
  private withSharedConnectors(authenticated: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = authenticated.connectorFactory;
    if (!factory) return authenticated;
    const identity = authenticated.claimsIdentity;
    const appId = `${identity.getClaimValue('aud') ?? ''} ${identity.getClaimValue('appid') ?? ''}`;
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      const key = `${appId}\n${serviceUrl}\n${audience ?? ''}`;
      const kept = this.connectors.get(key);
      if (kept) return kept;
      const client = factory.create(serviceUrl, audience);
      if (this.connectors.size >= MAX_CONNECTORS) this.connectors.delete(this.connectors.keys().next().value as string);
      this.connectors.set(key, client);
      client.catch(() => {
        if (this.connectors.get(key) === client) this.connectors.delete(key);
      });
      return client;
    };
    return { ...authenticated, connectorFactory: { create } };
  }
}

const MAX_CONNECTORS = 64;

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
