/**
 * The bot behind POST /api/messages, as the HTTP server sees it: plain values in and out, no web
 * framework or bot SDK types (src/teams adapts these to the Bot Framework SDK).
 */
export interface BotHttpRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body. */
  readonly body: unknown;
}

export interface BotHttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON; undefined for an empty body. */
  readonly body?: unknown;
}

export interface BotEndpoint {
  /** Validates the request's token, runs the turn, and says what to answer. */
  process(request: BotHttpRequest): Promise<BotHttpReply>;
  /** Whether a request's tenant may use the bot (checked before the turn). */
  tenantAllowed(body: unknown): boolean;
}
