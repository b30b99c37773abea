/**
 * A small Bot Connector REST client (v3). The delivery engine needs every status code and the
 * Retry-After header, so it speaks HTTP itself instead of going through the SDK's retrying client.
 */
export type ConnectorResult =
  | { readonly ok: true; readonly id: string }
  | {
      readonly ok: false;
      readonly status: number; // 0 = no answer (timeout or network error)
      readonly code?: string;
      readonly retryAfterMs?: number;
      readonly message: string;
    };

export interface TokenProvider {
  /** A bearer token for the Bot Connector, or undefined in local mode. */
  getToken(): Promise<string | undefined>;
}

/**
 * The call was not made: its deadline (epoch ms) had passed before it could start, e.g. the event
 * loop was starved between the row's "sending" mark and the request. After the deadline another
 * worker may take the row and send the card, so a late request would be a duplicate.
 */
export const LATE_START = 'LateStart';

/**
 * The call was not made either, but because getting the bot's token took until its deadline: the
 * attempt counts (a token endpoint slower than every call's deadline would otherwise make every
 * attempt a free late start, and the card would be neither sent nor failed, ever). Certainly not sent.
 */
export const TOKEN_LATE = 'TokenLate';

export interface BotConnector {
  /** `deadline` (epoch ms): no request starts after it, and one still running then is aborted. */
  send(serviceUrl: string, conversationId: string, activity: Record<string, unknown>, deadline?: number): Promise<ConnectorResult>;
  update(serviceUrl: string, conversationId: string, activityId: string, activity: Record<string, unknown>, deadline?: number): Promise<ConnectorResult>;
  createConversation(serviceUrl: string, p: { botId?: string; tenantId: string; memberId: string }): Promise<ConnectorResult>;
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function createBotConnector(options: { tokens: TokenProvider; timeoutMs?: number }): BotConnector {
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call(method: 'POST' | 'PUT', url: string, body: unknown, deadline?: number): Promise<ConnectorResult> {
    const leftBy = () => (deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now()));
    if (leftBy() <= 0) return { ok: false, status: 0, code: LATE_START, message: 'not sent: its deadline passed before the call' };
    const token = await options.tokens.getToken();
    const payload = JSON.stringify(body);
    const left = leftBy();
    if (left <= 0) return { ok: false, status: 0, code: TOKEN_LATE, message: 'not sent: getting the token took until its deadline' };
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: payload,
        signal: AbortSignal.timeout(left),
      });
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      return { ok: false, status: 0, code: name === 'TimeoutError' ? 'Timeout' : 'NetworkError', message: name || 'network error' };
    }
    const text = await res.text().catch(() => '');
    const json = safeJson(text);
    if (res.ok) {
      const id = typeof json?.id === 'string' ? json.id : '';
      return { ok: true, id };
    }
    const error = json?.error as { code?: unknown; message?: unknown } | undefined;
    return {
      ok: false,
      status: res.status,
      code: typeof error?.code === 'string' ? error.code : undefined,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      message: typeof error?.message === 'string' ? error.message.slice(0, 300) : `HTTP ${res.status}`,
    };
  }

  const base = (serviceUrl: string) => serviceUrl.replace(/\/+$/, '');
  const conv = (id: string) => encodeURIComponent(id);

  return {
    send: (serviceUrl, conversationId, activity, deadline) =>
      call('POST', `${base(serviceUrl)}/v3/conversations/${conv(conversationId)}/activities`, activity, deadline),
    update: (serviceUrl, conversationId, activityId, activity, deadline) =>
      call('PUT', `${base(serviceUrl)}/v3/conversations/${conv(conversationId)}/activities/${encodeURIComponent(activityId)}`, { ...activity, id: activityId }, deadline),
    createConversation: (serviceUrl, params) =>
      call('POST', `${base(serviceUrl)}/v3/conversations`, {
        isGroup: false,
        bot: params.botId ? { id: params.botId } : undefined,
        members: [{ id: params.memberId }],
        tenantId: params.tenantId,
        channelData: { tenant: { id: params.tenantId } },
      }),
  };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
