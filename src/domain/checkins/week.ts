import { addDays, startOfWeek, weekdayOf, type LocalDate, type Weekday } from '../calendar';
import type { ViolationKind } from './model';

/** One user's day as stored: what the weekly view and the manager digest read. */
export type DayStatus = 'started' | 'ended' | 'day_off' | 'office';

export interface DayRecord {
  readonly workDate: LocalDate;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly breakMinutes?: number;
  readonly workingMinutes?: number;
  readonly violations: readonly ViolationKind[];
  readonly status: DayStatus;
  /** Checked in before the security pledge 誓約書 was accepted (G 目的). */
  readonly pledgePending?: boolean;
}

export interface WeekDayRow {
  readonly date: LocalDate;
  readonly weekday: Weekday;
  readonly record: DayRecord | undefined;
}

export interface WeekTotals {
  /** Sum of the recorded working minutes (days still open have none yet). */
  readonly workingMinutes: number;
  /** Days with a telework check-in or an office day. */
  readonly daysWorked: number;
  readonly teleworkDays: number;
  readonly officeDays: number;
  readonly daysOff: number;
  /** Started but not ended: a missing check-out the digest points out. */
  readonly openDays: number;
  readonly violationCount: number;
}

export interface WeekSummary {
  /** Monday. */
  readonly weekStart: LocalDate;
  /** Sunday. */
  readonly weekEnd: LocalDate;
  /** Seven rows, Monday to Sunday. */
  readonly days: readonly WeekDayRow[];
  readonly totals: WeekTotals;
}

/**
 * The Monday–Sunday week containing `weekStart` (a non-Monday is moved back to its Monday, so callers
 * can pass any day of the week). Records outside the week are ignored; if a date appears twice, the
 * later record in the list wins, as a later edit replaces an earlier answer.
 */
export function summarizeWeek(records: readonly DayRecord[], weekStart: LocalDate): WeekSummary {
  const monday = startOfWeek(weekStart);
  const byDate = new Map<LocalDate, DayRecord>();
  for (const r of records) byDate.set(r.workDate, r);

  const days: WeekDayRow[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    days.push({ date, weekday: weekdayOf(date), record: byDate.get(date) });
  }

  let workingMinutes = 0;
  let teleworkDays = 0;
  let officeDays = 0;
  let daysOff = 0;
  let openDays = 0;
  let violationCount = 0;
  for (const { record } of days) {
    if (!record) continue;
    workingMinutes += record.workingMinutes ?? 0;
    violationCount += record.violations.length;
    if (record.status === 'started' || record.status === 'ended') teleworkDays++;
    if (record.status === 'started') openDays++;
    if (record.status === 'office') officeDays++;
    if (record.status === 'day_off') daysOff++;
  }

  return {
    weekStart: monday,
    weekEnd: addDays(monday, 6),
    days,
    totals: {
      workingMinutes,
      daysWorked: teleworkDays + officeDays,
      teleworkDays,
      officeDays,
      daysOff,
      openDays,
      violationCount,
    },
  };
}
