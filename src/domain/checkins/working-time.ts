import { MINUTES_PER_DAY, minutesOfDay, type LocalTime } from '../calendar';
import { InvalidBreaksError, type BreakIndex, type BreakProblem } from './errors';
import type { EndAnswers } from './model';

/**
 * Working time from the end card (DOMAIN: working time = end − start − breaks 中抜け).
 * An end earlier than the start is read as the next day (overnight work), so every time is placed on
 * a timeline that begins at the start time.
 */

export type BreakAnswers = Pick<EndAnswers, 'break1Start' | 'break1End' | 'break2Start' | 'break2End'>;
export type EndTimes = BreakAnswers & Pick<EndAnswers, 'endTime'>;

/** 労働基準法37条4項: 午後10時から午前5時まで is late-night work (深夜労働). */
const LATE_NIGHT_START: LocalTime = '22:00';
const LATE_NIGHT_END: LocalTime = '05:00';

interface Interval {
  from: number;
  to: number;
}

interface BreakPair {
  index: BreakIndex;
  start: LocalTime | undefined;
  end: LocalTime | undefined;
}

function breakPairs(answers: BreakAnswers): BreakPair[] {
  return [
    { index: 1, start: answers.break1Start, end: answers.break1End },
    { index: 2, start: answers.break2Start, end: answers.break2End },
  ];
}

/** Minutes from `origin` forward to `time`, wrapping past midnight. */
function minutesAfter(origin: LocalTime, time: LocalTime): number {
  return (minutesOfDay(time) - minutesOfDay(origin) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** Whether the end time is on the next calendar day (a night shift). */
export function isOvernight(startTime: LocalTime, endTime: LocalTime): boolean {
  return minutesOfDay(endTime) < minutesOfDay(startTime);
}

/** Minutes from start to end; an earlier end is on the next day, an equal one gives 0. @internal (tested directly) */
export function workSpanMinutes(startTime: LocalTime, endTime: LocalTime): number {
  return minutesAfter(startTime, endTime);
}

/**
 * A break as minutes after `startTime`, or undefined when it does not count: one side missing, or end
 * not after start. With `startTime` the order is read on the work timeline, so a night shift's
 * 23:30–00:30 counts; without it, on the clock.
 */
function breakInterval(pair: BreakPair, startTime: LocalTime | undefined): Interval | undefined {
  if (!pair.start || !pair.end) return undefined;
  const origin = startTime ?? '00:00';
  const from = startTime ? minutesAfter(origin, pair.start) : minutesOfDay(pair.start);
  const to = startTime ? minutesAfter(origin, pair.end) : minutesOfDay(pair.end);
  return to > from ? { from, to } : undefined;
}

/** Sum of the complete breaks; incomplete or reversed pairs are ignored (`validateBreaks` reports them). */
export function breakMinutes(end: BreakAnswers, startTime?: LocalTime): number {
  let total = 0;
  for (const pair of breakPairs(end)) {
    const i = breakInterval(pair, startTime);
    if (i) total += i.to - i.from;
  }
  return total;
}

/** end − start − breaks, never negative. Validate breaks first; this does not clip them to the work span. */
export function workingMinutes(startTime: LocalTime, end: EndTimes): number {
  return Math.max(0, workSpanMinutes(startTime, end.endTime) - breakMinutes(end, startTime));
}

/** Problems with the end card's breaks, empty when they are consistent with the work span. @internal (tested directly) */
export function validateBreaks(end: EndTimes, startTime: LocalTime): BreakProblem[] {
  const span = workSpanMinutes(startTime, end.endTime);
  const problems: BreakProblem[] = [];
  const valid: Array<Interval & { index: BreakIndex }> = [];
  for (const pair of breakPairs(end)) {
    if (!pair.start && !pair.end) continue;
    if (!pair.start || !pair.end) {
      problems.push({ code: 'break_incomplete', breaks: [pair.index] });
      continue;
    }
    const from = minutesAfter(startTime, pair.start);
    const length = minutesAfter(pair.start, pair.end);
    if (length > 0 && from + length <= span) {
      valid.push({ index: pair.index, from, to: from + length });
    } else if (minutesOfDay(pair.end) <= minutesOfDay(pair.start)) {
      // Read forward, the break would not fit the day: most likely the two times were swapped.
      problems.push({ code: 'break_end_before_start', breaks: [pair.index] });
    } else {
      problems.push({ code: 'break_outside_work', breaks: [pair.index] });
    }
  }
  const [a, b] = valid;
  if (a && b && a.from < b.to && b.from < a.to) problems.push({ code: 'breaks_overlap', breaks: [a.index, b.index] });
  return problems;
}

export function assertValidBreaks(end: EndTimes, startTime: LocalTime): void {
  const problems = validateBreaks(end, startTime);
  if (problems.length > 0) throw new InvalidBreaksError(problems);
}

function subtract(intervals: Interval[], cut: Interval): Interval[] {
  return intervals.flatMap((interval) =>
    [
      { from: interval.from, to: Math.min(interval.to, cut.from) },
      { from: Math.max(interval.from, cut.to), to: interval.to },
    ].filter((part) => part.to > part.from),
  );
}

/**
 * Minutes of work between 22:00 and 05:00. Breaks taken in that window are not work and are left out
 * when given; overlapping breaks are not subtracted twice.
 */
export function lateNightMinutes(startTime: LocalTime, endTime: LocalTime, breaks?: BreakAnswers): number {
  const start = minutesOfDay(startTime);
  let work: Interval[] = [{ from: start, to: start + workSpanMinutes(startTime, endTime) }];
  for (const pair of breaks ? breakPairs(breaks) : []) {
    const i = breakInterval(pair, startTime);
    if (i) work = subtract(work, { from: start + i.from, to: start + i.to });
  }
  // Work lies within [0, 2 days) of the start day's midnight; the windows reaching into it start at
  // 22:00 the day before, the same day and the next day.
  const nightFrom = minutesOfDay(LATE_NIGHT_START) - MINUTES_PER_DAY;
  const nightLength = minutesAfter(LATE_NIGHT_START, LATE_NIGHT_END);
  let total = 0;
  for (let day = 0; day < 3; day++) {
    const from = nightFrom + day * MINUTES_PER_DAY;
    for (const w of work) total += Math.max(0, Math.min(w.to, from + nightLength) - Math.max(w.from, from));
  }
  return total;
}
