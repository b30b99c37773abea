/**
 * Calendar dates and wall-clock times without a time zone.
 * Kept as plain strings (`YYYY-MM-DD`, `HH:MM`) because they sort and compare lexically, travel through
 * card JSON and SQL `date` columns unchanged, and cannot be shifted by the process time zone.
 */

/** `YYYY-MM-DD`, a day in some time zone that the caller knows. */
export type LocalDate = string;
/** `HH:MM` on a 24-hour clock, 00:00–23:59. */
export type LocalTime = string;
/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Days since 1970-01-01. Throws RangeError on a malformed or impossible date such as 2026-02-30. */
export function dayNumber(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear instead of Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  const n = Math.round(t.getTime() / MS_PER_DAY);
  if (t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) throw new RangeError(`No such date: ${date}`);
  return n;
}

/** Inverse of `dayNumber`. */
function fromDayNumber(n: number): LocalDate {
  const t = new Date(n * MS_PER_DAY);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function isLocalDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** `b − a` in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function weekdayOf(date: LocalDate): Weekday {
  // 1970-01-01 was a Thursday (4); the double modulo keeps dates before 1970 non-negative.
  return ((((dayNumber(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** The Monday on or before `date` (weeks start on Monday in Japanese working-time records). */
export function startOfWeek(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Minutes after midnight of an `HH:MM` time. Throws RangeError when malformed. */
export function minutesOfDay(time: LocalTime): number {
  const m = LOCAL_TIME.exec(time);
  if (!m) throw new RangeError(`Not an HH:MM time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` of a minute count, wrapped into one day (1500 → 01:00). @internal (tested directly) */
export function formatMinutesOfDay(minutes: number): LocalTime {
  const m = ((Math.floor(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
