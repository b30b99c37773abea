import type { LocalDate, LocalTime } from '../calendar';

/** One person's check-in day as the long-hours rules read it (a row of the check-in store). */
export interface WorkDayRecord {
  readonly date: LocalDate;
  readonly status: 'started' | 'ended' | 'day_off' | 'office';
  readonly startTime?: LocalTime;
  readonly endTime?: LocalTime;
  /** Set once the end card was answered. */
  readonly workingMinutes?: number;
  readonly lateNightMinutes?: number;
  /** The day's latest mood (end card, else start card), 1–5. */
  readonly mood?: number;
}

/** Records sorted by date (the rules expect this order; callers may pass any). */
export const byDate = (records: readonly WorkDayRecord[]): WorkDayRecord[] => [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
