import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import type { BotHttpReply, BotHttpRequest } from '../http/bot-endpoint';
import type { Logger } from '../log/logger';

const AUTH_FAILURE = /signature|jwt|token|unauthori[sz]ed|issuer|audience|endorse/i;

/**
 * Runs one /api/messages request through the SDK's adapter and returns what it answered. The SDK
 * answers a JWT with a bad signature with 500 and the library's error text; callers must see 401
 * and no internals, so 5xx bodies are replaced here.
 */
export async function processBotRequest(
  adapter: CloudAdapter,
  request: BotHttpRequest,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): Promise<BotHttpReply> {
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  // The SDK writes the answer through this Response-shaped recorder (it validates the shape).
  const recorder: Response = {
    socket: undefined,
    header: (name: string, value: unknown) => (headers[name] = String(value)),
    status: (code: number) => (status = code),
    send: (...args: unknown[]) => (body = args[0]),
    end: () => undefined,
  };
  const sdkRequest: Request = {
    method: request.method,
    headers: { ...request.headers },
    body: isRecord(request.body) ? request.body : undefined,
  };
  await adapter.process(sdkRequest, recorder, logic);

  if (status < 500 || body === undefined) return { status, headers, body };
  if (typeof body === 'string' && AUTH_FAILURE.test(body)) {
    logger.warn('rejected a request with an invalid token');
    return { status: 401, headers, body: { error: 'unauthorized' } };
  }
  return { status, headers, body: { error: 'internal error' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
