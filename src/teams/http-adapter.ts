import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import type { BotHttpReply, BotHttpRequest } from '../http/bot-endpoint';
import type { Logger } from '../log/logger';
import { isWellFormed } from './inbound';

const AUTH_FAILURE = /signature|jwt|token|unauthori[sz]ed|issuer|audience|endorse/i;

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

const refusal = (kind: keyof typeof REFUSALS, headers: Record<string, string> = {}): BotHttpReply => ({ ...REFUSALS[kind], headers });

/**
 * Runs one /api/messages request through the SDK's adapter and returns what it answered.
 * Order: a token at all (outside local mode) → a well-formed activity (src/teams/inbound.ts; its shape
 * reveals nothing) → the SDK's JWT validation → the turn logic, which alone looks at the tenant. So a
 * caller without a valid token always gets the same 401, whatever tenant it names. Every refusal has a fixed body; the SDK's texts (and its 500 for a
 * bad signature or a missing activity type, its 501 for an unanswered invoke) never reach the caller.
 */
export async function processBotRequest(
  adapter: CloudAdapter,
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
  const headers: Record<string, string> = {};
  // The SDK writes the answer through this Response-shaped recorder (it validates the shape).
  const recorder: Response = {
    socket: undefined,
    header: (name: string, value: unknown) => (headers[name] = String(value)),
    status: (code: number) => (status = code),
    send: (...args: unknown[]) => (replyBody = args[0]),
    end: () => undefined,
  };
  const sdkRequest: Request = { method: request.method, headers: { ...request.headers }, body };
  try {
    await adapter.process(sdkRequest, recorder, async (context) => {
      outcome = await logic(context);
    });
  } catch (err) {
    // The SDK parses the activity outside its own error handling: a shape it cannot read throws here.
    logger.info({ err: err instanceof Error ? err.message : String(err) }, 'unreadable activity');
    return refusal('badRequest');
  }

  if (status === 401 || (status >= 500 && typeof replyBody === 'string' && AUTH_FAILURE.test(replyBody))) {
    logger.warn('rejected a request with an invalid token');
    return refusal('unauthorized');
  }
  if (outcome !== 'served') return refusal(outcome, headers);
  // 501: an invoke nobody answered (a name the bot does not handle).
  if (status === 501 || (status >= 400 && status < 500)) return refusal('badRequest', headers);
  if (status >= 500) return refusal('internal', headers);
  return { status, headers, body: replyBody };
}

function headerOf(headers: BotHttpRequest['headers'], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
