import type { ConnectorResult } from './connector-client';

/** Terminal reasons, stored per recipient and shown to admins. */
export const FAILURE_REASONS = [
  'blocked', // 403: the user blocked the bot or an admin disabled it
  'user_gone', // 404: user or conversation no longer exists
  'not_installed', // no conversation and the app could not be installed
  'too_large', // over the 100 KB message limit
  'bad_request', // 400: the activity was rejected
  'unauthorized', // 401 after retries: the bot's credentials are wrong
  'retries_exhausted', // transient errors beyond the attempt limit
  'target_missing', // an update whose original card was never sent
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export type Outcome =
  | { readonly type: 'sent'; readonly activityId: string }
  | { readonly type: 'throttled'; readonly delayMs: number }
  | { readonly type: 'retry'; readonly delayMs: number }
  | { readonly type: 'not_installed' }
  | { readonly type: 'failed'; readonly reason: FailureReason };

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** Used when a 429 has no Retry-After. */
  readonly throttleFallbackMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 1000, capMs: 60_000, throttleFallbackMs: 2000 };

/** Decorrelated jitter (AWS architecture blog): sleep = min(cap, random(base, previous × 3)). */
function decorrelatedJitter(previousMs: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const upper = Math.max(policy.baseMs, previousMs * 3);
  return Math.min(policy.capMs, Math.round(policy.baseMs + random() * (upper - policy.baseMs)));
}

const TRANSIENT = new Set([0, 408, 412, 500, 502, 503, 504]);

export function classify(
  result: ConnectorResult,
  attempts: number,
  previousBackoffMs: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Outcome {
  if (result.ok) return { type: 'sent', activityId: result.id };
  const { status } = result;
  if (status === 429) {
    const jittered = policy.throttleFallbackMs * (1 + random());
    return { type: 'throttled', delayMs: result.retryAfterMs ?? Math.round(jittered) };
  }
  if (status === 403 && result.code === 'BotNotInConversationRoster') return { type: 'not_installed' };
  if (status === 403) return { type: 'failed', reason: 'blocked' };
  if (status === 404) return { type: 'failed', reason: 'user_gone' };
  if (status === 413) return { type: 'failed', reason: 'too_large' };
  if (status === 400) return { type: 'failed', reason: 'bad_request' };
  const retriable = TRANSIENT.has(status) || status === 401;
  if (!retriable) return { type: 'failed', reason: 'bad_request' };
  if (attempts >= policy.maxAttempts) return { type: 'failed', reason: status === 401 ? 'unauthorized' : 'retries_exhausted' };
  return { type: 'retry', delayMs: decorrelatedJitter(previousBackoffMs, policy, random) };
}

/** Teams rejects messages over 100 KB; keep a margin for the envelope the connector adds. */
export const MAX_ACTIVITY_BYTES = 100 * 1024 - 2048;
