/**
 * The domain never reads the real clock itself: every use case receives a `Clock`, so schedules can be
 * tested with fake time (day boundaries, DST, a clock that jumps backwards).
 */
export interface Clock {
  now(): Date;
}

/** The one place in the domain that reads the system clock; wired in the composition root only. */
export const systemClock: Clock = Object.freeze({
  now: (): Date => new Date(),
});
