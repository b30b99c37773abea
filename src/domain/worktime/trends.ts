import type { LocalDate } from '../calendar';
import type { WorktimePolicy } from './policy';
import { byDate, type WorkDayRecord } from './records';

/**
 * Consecutive low-mood check-ins counted back from the latest check-in that has a mood; days
 * without a check-in (weekends, leave) neither break nor extend the run.
 */
export function lowMoodRun(records: readonly WorkDayRecord[], policy: Pick<WorktimePolicy, 'lowMoodAtMost'>): number {
  const moods = byDate(records).flatMap((r) => (r.mood === undefined ? [] : [r.mood]));
  let run = 0;
  for (let i = moods.length - 1; i >= 0; i--) {
    if ((moods[i] ?? Infinity) > policy.lowMoodAtMost) break;
    run++;
  }
  return run;
}

/** Scheduled workdays (`workdays`, the caller's window) without any check-in row. */
export function missingWorkdays(records: readonly WorkDayRecord[], workdays: readonly LocalDate[]): LocalDate[] {
  const seen = new Set(records.map((r) => r.date));
  return workdays.filter((d) => !seen.has(d));
}

/** Mood per day of the window, `undefined` where there was no check-in with a mood. */
export function moodSeries(records: readonly WorkDayRecord[], days: readonly LocalDate[]): (number | undefined)[] {
  const byDay = new Map(records.map((r) => [r.date, r.mood]));
  return days.map((d) => byDay.get(d));
}
