import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/shared/clock';
import { FakeClock } from '../support/fake-clock';

describe('systemClock', () => {
  it('reads the real time', () => {
    const before = Date.now();
    const t = systemClock.now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});

describe('FakeClock', () => {
  it('starts at the reference timestamp and stays there', () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('cannot be moved by mutating the returned Date', () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5));
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });

  it('sets, advances and jumps backwards', () => {
    const clock = new FakeClock(new Date('2026-01-05T00:00:00Z'));
    clock.advance({ hours: 9, minutes: 30 });
    expect(clock.now().toISOString()).toBe('2026-01-05T09:30:00.000Z');
    clock.advance(-60_000);
    expect(clock.now().toISOString()).toBe('2026-01-05T09:29:00.000Z');
    clock.rewind({ days: 1 });
    expect(clock.now().toISOString()).toBe('2026-01-04T09:29:00.000Z');
    clock.set('2025-12-31T23:59:59Z');
    expect(clock.now().toISOString()).toBe('2025-12-31T23:59:59.000Z');
  });

  it('rejects an invalid instant', () => {
    expect(() => new FakeClock('not a date')).toThrow(RangeError);
  });
});
