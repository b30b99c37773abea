import type { Clock } from '../../src/domain/shared/clock';

export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  ms?: number;
}

function toMs(d: number | Duration): number {
  if (typeof d === 'number') return d;
  return (
    (d.days ?? 0) * 86_400_000 + (d.hours ?? 0) * 3_600_000 + (d.minutes ?? 0) * 60_000 + (d.seconds ?? 0) * 1000 + (d.ms ?? 0)
  );
}

/**
 * A clock that only moves when the test says so. It may move backwards (`set` to an earlier instant,
 * `advance` with a negative duration, `rewind`) because real system clocks do (NTP corrections, VM
 * resume), and schedulers must survive that.
 */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = FakeClock.parse(start);
  }

  /** A fresh Date each call, so a caller mutating it cannot move the clock. */
  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string | number): this {
    this.current = FakeClock.parse(instant);
    return this;
  }

  advance(by: number | Duration): this {
    this.current += toMs(by);
    return this;
  }

  rewind(by: number | Duration): this {
    this.current -= toMs(by);
    return this;
  }

  private static parse(instant: Date | string | number): number {
    const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`FakeClock: invalid instant ${String(instant)}`);
    return ms;
  }
}
