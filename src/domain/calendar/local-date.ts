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

// The same few hundred dates are read again and again (a person-year, for each person): both
// directions are memoised, the caches emptied when they grow past a bound.
const DATE_CACHE_MAX = 50_000;
const dayNumbers = new Map<LocalDate, number>();
const dates = new Map<number, LocalDate>();

/** The cache's value for `key`, computed and kept on a miss (a throw keeps nothing); emptied when full. */
function cached<K, V>(cache: Map<K, V>, key: K, compute: (key: K) => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (cache.size >= DATE_CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Days since 1970-01-01. Throws RangeError on a malformed or impossible date such as 2026-02-30.
 * Plain integer arithmetic on the proleptic Gregorian calendar (as `Date`'s), without a `Date`: the
 * law engine reads thousands of dates a person-year.
 */
export function dayNumber(date: LocalDate): number {
  return cached(dayNumbers, date, computeDayNumber);
}

function computeDayNumber(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const monthDays = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) throw new RangeError(`No such date: ${date}`);
  // Days from civil (H. Hinnant): years start on 1 March, so the leap day is a year's last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of `dayNumber`. */
export function fromDayNumber(dayNumber: number): LocalDate {
  return cached(dates, dayNumber, computeFromDayNumber);
}

function computeFromDayNumber(dayNumber: number): LocalDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
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

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `b − a` in days. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
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
  // Character codes, not the regular expression: the law engine reads thousands of times a person-year.
  // No inner function: the transpiler names each closure at every call (keepNames), which costs more than the parse.
  const shaped = typeof time === 'string' && time.length === 5 && time.charCodeAt(2) === 58;
  const [h1, h2, m1, m2] = shaped ? [time.charCodeAt(0) - 48, time.charCodeAt(1) - 48, time.charCodeAt(3) - 48, time.charCodeAt(4) - 48] : [-1, -1, -1, -1];
  const valid = h1 >= 0 && h2 >= 0 && h2 <= 9 && h1 * 10 + h2 <= 23 && m1 >= 0 && m1 <= 5 && m2 >= 0 && m2 <= 9;
  if (!valid) throw new RangeError(`Not an HH:MM time: ${time}`);
  return (h1 * 10 + h2) * 60 + m1 * 10 + m2;
}

/** `HH:MM` of a minute count, wrapped into one day (1500 → 01:00). @internal (tested directly) */
export function formatMinutesOfDay(minutes: number): LocalTime {
  const m = ((Math.floor(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
