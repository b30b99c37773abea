import type { Pacer } from './pacer';

/**
 * Send slots booked from the tenant pacer, handed to the deliveries this process holds, best first.
 *
 * Slots are booked a second or so ahead, so that a stalled event loop (a busy machine) does not
 * leave the tenant idle; handing them out at the last moment, by rank, lets urgent work claimed
 * later take the next slot instead of waiting behind bulk cards. A card whose conversation was just
 * created ranks first, so it follows the create at once. Slots are booked for what the held
 * deliveries will ask for (waiting now, or a card still to follow its create), never more.
 */
export interface SlotDispatcher {
  /** `n` more requests will come (cards to follow their conversation's create); negative when they will not after all. */
  expect(tenantId: string, n: number): void;
  /** Books now what is missing and resolves when the slots are there. */
  book(tenantId: string): Promise<void>;
  /**
   * Resolves true when the caller may make one request (lower rank first, then first come), false
   * when it must give the row back. `expected`: this is one of the requests announced with expect().
   */
  take(tenantId: string, rank: number, expected?: boolean): Promise<boolean>;
  /** Until when the booked slots are spoken for (epoch ms; now when nothing waits). */
  coveredUntil(tenantId: string): number;
  /** Sends every waiter of rank `minRank` or worse away (urgent work came); returns how many. */
  evict(tenantId: string, minRank: number): number;
  /** Sends every waiter away (shutdown). */
  releaseAll(): void;
}

/** Ranks: a card right after its conversation was created, then urgent, then bulk; single messages before fan-out rows. */
export const RANK = { continuation: 0, urgent: 1, urgentFanout: 2, bulk: 3, bulkFanout: 4 } as const;

interface Waiter {
  readonly rank: number;
  readonly resolve: (go: boolean) => void;
}

interface TenantSlots {
  times: number[];
  waiters: Waiter[];
  expected: number;
  booking: number;
  bookingScheduled: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * A slot nobody took within this long is dropped: used later, it would add to another replica's
 * requests of the same moment. Shorter stalls (a long PGlite statement, a GC pause) are made up for.
 */
const GRACE_MS = 1000;

export function createSlotDispatcher(pacer: Pacer, onError: (err: unknown) => void): SlotDispatcher {
  const tenants = new Map<string, TenantSlots>();

  const tenant = (id: string): TenantSlots => {
    let t = tenants.get(id);
    if (!t) tenants.set(id, (t = { times: [], waiters: [], expected: 0, booking: 0, bookingScheduled: false }));
    return t;
  };

  function dispatch(slots: TenantSlots): void {
    clearTimeout(slots.timer);
    slots.timer = undefined;
    const now = Date.now();
    while (slots.times.length && (slots.times[0] as number) < now - GRACE_MS) slots.times.shift();
    // Slots that came while the event loop was stalled are used at once: the window guard keeps the rate.
    while (slots.times.length && (slots.times[0] as number) <= now && slots.waiters.length) {
      slots.times.shift();
      (slots.waiters.shift() as Waiter).resolve(true);
    }
    if (slots.waiters.length && slots.times.length) slots.timer = setTimeout(() => dispatch(slots), Math.max(0, (slots.times[0] as number) - now));
  }

  /** Books what the waiting and expected requests need beyond the slots already booked, in one reservation. */
  function scheduleBooking(id: string, slots: TenantSlots): void {
    if (slots.bookingScheduled) return;
    slots.bookingScheduled = true;
    queueMicrotask(() => {
      slots.bookingScheduled = false;
      void book(id, slots);
    });
  }

  async function book(id: string, slots: TenantSlots): Promise<void> {
    const missing = slots.waiters.length + slots.expected - slots.times.length - slots.booking;
    if (missing <= 0) return;
    slots.booking += missing;
    let times: number[];
    try {
      const { firstDelayMs, intervalMs } = await pacer.reserve(id, missing);
      const first = Date.now() + firstDelayMs;
      times = Array.from({ length: missing }, (_, i) => first + i * intervalMs);
    } catch (err) {
      onError(err);
      times = Array.from({ length: missing }, () => Date.now() + 1000); // nobody waits forever
    }
    slots.booking -= missing;
    slots.times.push(...times);
    slots.times.sort((a, b) => a - b);
    dispatch(slots);
  }

  return {
    expect(id, delta) {
      const t = tenant(id);
      t.expected = Math.max(0, t.expected + delta);
      if (delta > 0) scheduleBooking(id, t);
    },
    book: (id) => book(id, tenant(id)),
    take(id, rank, expected = false) {
      const t = tenant(id);
      if (expected) t.expected = Math.max(0, t.expected - 1);
      return new Promise<boolean>((resolve) => {
        let i = t.waiters.length;
        while (i > 0 && (t.waiters[i - 1] as Waiter).rank > rank) i--;
        t.waiters.splice(i, 0, { rank, resolve });
        dispatch(t);
        scheduleBooking(id, t);
      });
    },
    coveredUntil(id) {
      const t = tenants.get(id);
      const demand = t ? t.waiters.length + t.expected : 0;
      return t && demand ? (t.times[Math.min(demand, t.times.length) - 1] ?? Date.now()) : Date.now();
    },
    evict(id, minRank) {
      const t = tenants.get(id);
      if (!t) return 0;
      const leaving = t.waiters.filter((w) => w.rank >= minRank);
      t.waiters = t.waiters.filter((w) => w.rank < minRank);
      for (const w of leaving) w.resolve(false);
      return leaving.length;
    },
    releaseAll() {
      for (const t of tenants.values()) {
        clearTimeout(t.timer);
        for (const w of t.waiters.splice(0)) w.resolve(false);
        t.times = [];
        t.expected = 0;
      }
    },
  };
}
