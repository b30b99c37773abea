/**
 * Keeps this process's requests to a tenant within the limit over any sliding window, as the
 * receiving service counts them. Pacer slots are evenly spaced, but timers fire late when the event
 * loop is busy and requests reach the service with varying delay; a strict sliding-window limit then
 * sees one request too many and answers 429, which costs the whole tenant a Retry-After pause.
 *
 * The guard lets request k leave only once request k−limit has been answered a full window ago:
 * the server saw that one before it answered, so it cannot count both in one window, whatever the
 * network jitter. A request that is slow to answer is assumed to have arrived `maxLatencyMs` after
 * it left, so a hanging call cannot stall the tenant.
 */
export interface WindowGuard {
  /** Resolves when one more request may leave; call right before sending, then call the returned `done` on its answer. FIFO per tenant. */
  acquire(tenantId: string): Promise<() => void>;
}

interface Slot {
  readonly sentAt: number;
  answeredAt?: number;
}

export function createWindowGuard(
  ratePerSecond: number,
  options: { maxLatencyMs?: number; now?: () => number } = {},
): WindowGuard {
  const now = options.now ?? (() => performance.now());
  const maxLatencyMs = options.maxLatencyMs ?? 1000;
  const count = Math.max(1, Math.floor(ratePerSecond));
  const windowMs = (count / ratePerSecond) * 1000 + 1; // +1: timer granularity
  const history = new Map<string, Slot[]>();
  const chains = new Map<string, Promise<unknown>>();

  const earliest = (s: Slot) => s.sentAt + windowMs + Math.min(s.answeredAt === undefined ? maxLatencyMs : s.answeredAt - s.sentAt, maxLatencyMs);

  const take = async (tenantId: string): Promise<() => void> => {
    const ring = history.get(tenantId) ?? [];
    history.set(tenantId, ring);
    if (ring.length >= count) {
      const oldest = ring[ring.length - count] as Slot;
      for (let wait = earliest(oldest) - now(); wait > 0; wait = earliest(oldest) - now()) {
        await new Promise((r) => setTimeout(r, Math.min(wait, 10)));
      }
    }
    const slot: Slot = { sentAt: now() };
    ring.push(slot);
    if (ring.length > count * 2) ring.splice(0, ring.length - count);
    return () => {
      slot.answeredAt ??= now();
    };
  };

  return {
    acquire(tenantId) {
      const next = (chains.get(tenantId) ?? Promise.resolve()).then(() => take(tenantId));
      chains.set(tenantId, next.catch(() => undefined));
      return next;
    },
  };
}
