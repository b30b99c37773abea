// Straight from the module, not the calendar's index: each call through a re-export is a getter call.
import { dayNumber, fromDayNumber, type LocalDate } from '../../calendar/local-date';
import type { WorkDay } from './days';
import { weekdayNumber, type LawPolicy } from './policy';

/** A day's work with the law's counts. */
export interface DayCount extends WorkDay {
  /** 時間外 counted on this day (fixed hours only; flextime overtime exists per month, see flex.ts). */
  readonly overtimeMinutes: number;
  /** 休日労働: all work of the day when it is the 法定休日 (労基法35条, 37条1項). */
  readonly legalHolidayMinutes: number;
}

/** 労基法32条2項: 8 hours a day. */
const DAILY_LIMIT_MINUTES = 8 * 60;
const DAYS_PER_WEEK = 7;

// 1970-01-01 (day 0) was a Thursday (4); as calendar's weekdayOf, on the day number read once.
const weekdayOfNumber = (day: number): number => (((day + 4) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK;

/** The day number of the first day of the week that holds the day numbered `day`. */
function weekStartOf(day: number, policy: Pick<LawPolicy, 'weekStartsOn'>): number {
  return day - ((weekdayOfNumber(day) - weekdayNumber(policy.weekStartsOn) + DAYS_PER_WEEK) % DAYS_PER_WEEK);
}

/** The days by the day number of their week's first day, in input order. */
function byWeek(days: readonly WorkDay[], policy: Pick<LawPolicy, 'weekStartsOn'>): Map<number, WorkDay[]> {
  const weeks = new Map<number, WorkDay[]>();
  for (const day of days) {
    const start = weekStartOf(dayNumber(day.date), policy);
    const week = weeks.get(start);
    if (week) week.push(day);
    else weeks.set(start, [day]);
  }
  return weeks;
}

/**
 * The worked days that are the 法定休日 (労基法35条1項: at least one rest day a week). With a named
 * weekday, that weekday. With 'unspecified', a week with at least one day without work already had its
 * rest day, so nothing in it is 休日労働; a week worked on all 7 days lost its rest day, and the later
 * one — the week's last day — is taken as the 法定休日 (平21.10.5 基発1005第1号 style: when the rules do
 * not say which rest day is the legal one, the one that comes later in the week is).
 */
export function legalHolidayDates(days: readonly WorkDay[], policy: Pick<LawPolicy, 'legalHoliday' | 'weekStartsOn'>): Set<LocalDate> {
  const worked = days.filter((day) => day.workedMinutes > 0);
  const { legalHoliday } = policy;
  if (legalHoliday !== 'unspecified') {
    const weekday = weekdayNumber(legalHoliday);
    return new Set(worked.filter((day) => weekdayOfNumber(dayNumber(day.date)) === weekday).map((day) => day.date));
  }
  const holidays = new Set<LocalDate>();
  for (const [start, week] of byWeek(worked, policy)) {
    if (new Set(week.map((day) => day.date)).size === DAYS_PER_WEEK) holidays.add(fromDayNumber(start + DAYS_PER_WEEK - 1));
  }
  return holidays;
}

/** The day with its counts, built field by field: an object spread is many times slower, once per day of a year. */
const dayCount = (day: WorkDay, overtimeMinutes: number, legalHolidayMinutes: number): DayCount => ({
  date: day.date,
  workedMinutes: day.workedMinutes,
  lateNightMinutes: day.lateNightMinutes,
  overtimeMinutes,
  legalHolidayMinutes,
});

/**
 * Fixed working hours (労基法32条): 時間外 is the minutes beyond 8 h in a day, plus the minutes beyond
 * the weekly limit (40 h, or 44 h under 労基則25条の2) not already counted daily. The weekly excess is
 * counted on the day the week crosses the limit: the week's days are walked in order, adding up the
 * hours within 8 h of each day that is not the 法定休日, so a week across a month end puts its excess
 * in the month of the day it happened. Work on the 法定休日 is 休日労働 only: never 時間外 (even beyond
 * 8 h, 労基法37条1項 and 割増賃金令) and not part of the weekly 40 h. A Saturday or a national
 * holiday is an ordinary day here.
 */
export function fixedHours(days: readonly WorkDay[], policy: LawPolicy): DayCount[] {
  const holidays = legalHolidayDates(days, policy);
  const weeklyLimit = policy.weeklyLimitHours * 60;
  const counted: DayCount[] = [];
  for (const week of byWeek(days, policy).values()) {
    let withinDaily = 0;
    let weeklyCounted = 0;
    for (const day of [...week].sort((a, b) => (a.date < b.date ? -1 : 1))) {
      if (holidays.has(day.date)) {
        counted.push(dayCount(day, 0, day.workedMinutes));
        continue;
      }
      const daily = Math.max(0, day.workedMinutes - DAILY_LIMIT_MINUTES);
      withinDaily += day.workedMinutes - daily;
      const weekly = Math.max(0, withinDaily - weeklyLimit) - weeklyCounted;
      weeklyCounted += weekly;
      counted.push(dayCount(day, daily + weekly, 0));
    }
  }
  return counted.sort((a, b) => (a.date < b.date ? -1 : 1));
}
