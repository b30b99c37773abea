import { describe, expect, it } from 'vitest';
import type { Pacer } from '../src/delivery/pacer';
import { createSlotDispatcher, RANK } from '../src/delivery/slots';

const INTERVAL = 20;

/** A pacer that books consecutive slots 20 ms apart from now on, and records every booking. */
function fakePacer() {
  let next = 0;
  const bookings: number[] = [];
  const pacer: Pacer = {
    async reserve(_tenant, count) {
      const start = Math.max(next, Date.now());
      next = start + count * INTERVAL;
      bookings.push(count);
      return { firstDelayMs: start - Date.now(), intervalMs: INTERVAL };
    },
    pause: async () => undefined,
    pausedForMs: async () => 0,
  };
  return { pacer, bookings };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('slot dispatcher', () => {
  it('books what the waiting and expected requests need, in one reservation, and hands slots out by rank', async () => {
    const { pacer, bookings } = fakePacer();
    const slots = createSlotDispatcher(pacer, (err) => {
      throw err;
    });
    const order: string[] = [];
    const go = (name: string, rank: number) => slots.take('t', rank).then((ok) => ok && order.push(name));
    slots.expect('t', 1);
    const waits = [go('bulk-1', RANK.bulkFanout), go('bulk-2', RANK.bulkFanout), go('urgent', RANK.urgentFanout), go('tally', RANK.urgent)];
    await slots.book('t');
    expect(bookings).toEqual([5]); // four waiting + one card expected after its create
    await Promise.all(waits);
    expect(order).toEqual(['tally', 'urgent', 'bulk-1', 'bulk-2']);
    // The expected card takes the next slot without another booking.
    const t0 = Date.now();
    expect(await slots.take('t', RANK.continuation, true)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(INTERVAL * 3);
    expect(bookings).toEqual([5]);
  });

  it('sends waiting bulk rows away when urgent work comes, and every waiter at shutdown', async () => {
    const { pacer } = fakePacer();
    const slots = createSlotDispatcher(pacer, () => undefined);
    const bulk = [slots.take('t', RANK.bulkFanout), slots.take('t', RANK.bulk)];
    const urgent = slots.take('t', RANK.urgentFanout);
    expect(slots.evict('t', RANK.bulk)).toBe(2);
    expect(await Promise.all(bulk)).toEqual([false, false]);
    expect(await urgent).toBe(true);
    const late = slots.take('t', RANK.urgent);
    slots.releaseAll();
    expect(await late).toBe(false);
  });

  it('uses the slots that passed while the event loop was stalled at once, and drops those nobody took', async () => {
    const { pacer, bookings } = fakePacer();
    const slots = createSlotDispatcher(pacer, () => undefined);
    slots.expect('t', 3);
    await slots.book('t');
    // Busy for longer than the three slots: the waiters still get them right away.
    const until = Date.now() + 4 * INTERVAL;
    while (Date.now() < until) {
      /* a stalled event loop */
    }
    const t0 = Date.now();
    await Promise.all([slots.take('t', RANK.urgent, true), slots.take('t', RANK.urgent, true)]);
    expect(Date.now() - t0).toBeLessThan(INTERVAL);
    // The third slot is dropped once it is a second old (using it later would be a burst): a late
    // request gets a newly booked one.
    await sleep(1050);
    expect(await slots.take('t', RANK.urgent, true)).toBe(true);
    expect(bookings).toEqual([3, 1]);
  });
});
