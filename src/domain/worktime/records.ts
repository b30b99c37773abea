import type { LocalDate, LocalTime } from '../calendar';

/** A break of the end card with both times given (local times on the day's work timeline). */
export interface RecordedBreak {
  readonly start: LocalTime;
  readonly end: LocalTime;
}

/** One person's check-in day as the long-hours rules read it (a row of the check-in store). */
export interface WorkDayRecord {
  readonly date: LocalDate;
  readonly status: 'started' | 'ended' | 'day_off' | 'office';
  readonly startTime?: LocalTime;
  readonly endTime?: LocalTime;
  /** Breaks (中抜け) of the day, as stored with the end card. */
  readonly breakMinutes?: number;
  /** The breaks whose start and end were both given: only they can be taken out of the 深夜 minutes. */
  readonly breaks?: readonly RecordedBreak[];
  /** Set once the end card was answered. */
  readonly workingMinutes?: number;
  readonly lateNightMinutes?: number;
  /** The day's latest mood (end card, else start card), 1–5. */
  readonly mood?: number;
}

/** Records sorted by date (the rules expect this order; callers may pass any). */
export const byDate = (records: readonly WorkDayRecord[]): WorkDayRecord[] => [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
