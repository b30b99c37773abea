import { dayNumber, fromDayNumber, MINUTES_PER_DAY, minutesOfDay, MS_PER_DAY, MS_PER_MINUTE, type LocalDate, type LocalTime } from './local-date';

/**
 * Time-zone conversion with `Intl.DateTimeFormat` only: Node ships full ICU, so the IANA database is
 * already there and a tz library would only duplicate it.
 */

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat is far slower than using one; planners convert thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts is the slow part of every conversion, and the law engine converts thousands of
// instants a person-year (each day's start and end, its nights, its breaks). A zone's offset changes
// a few times a year at most, so it is read once per zone and hour: when the offset at the hour's
// first and last second agree, the whole hour has it, and any instant in it is plain arithmetic.
// An hour with a transition is read from ICU for every instant. The cache is emptied past a bound.
const HOUR_MS = 3_600_000;
const OFFSET_CACHE_MAX = 200_000;
/** Per zone: the offset of each hour without a transition, NaN for an hour with one. */
const hourOffsets = new Map<string, Map<number, number>>();
/** Instants from year 1 to 9999: the formatter's years and the arithmetic's agree there. */
const ARITHMETIC_FROM = -62_135_596_800_000 + 2 * 86_400_000;
const ARITHMETIC_TO = 253_402_300_800_000 - 2 * 86_400_000;

/** The zone's offset at a whole second, straight from ICU. */
const icuOffset = (wholeMs: number, timeZone: string): number => wallMs(computeWallParts(wholeMs, timeZone)) - wholeMs;

/** The offset at a whole second: the hour's cached offset, or ICU's in an hour with a transition. */
function offsetAt(wholeMs: number, timeZone: string): number {
  const hour = Math.floor(wholeMs / HOUR_MS);
  let offset = hourOffsets.get(timeZone)?.get(hour);
  if (offset === undefined) {
    const first = icuOffset(hour * HOUR_MS, timeZone);
    offset = first === icuOffset(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    const zone = hourOffsets.get(timeZone) ?? new Map<number, number>();
    if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
    hourOffsets.set(timeZone, zone.set(hour, offset));
  }
  return Number.isNaN(offset) ? icuOffset(wholeMs, timeZone) : offset;
}

function wallParts(epochMs: number, timeZone: string): WallParts {
  const whole = Math.floor(epochMs / 1000) * 1000;
  if (whole < ARITHMETIC_FROM || whole > ARITHMETIC_TO) return computeWallParts(whole, timeZone);
  const wall = new Date(whole + offsetAt(whole, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

function computeWallParts(epochMs: number, timeZone: string): WallParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of formatter(timeZone).formatToParts(epochMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some ICU versions print midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall clock read as if it were UTC, in ms; `wall − instant` is the zone's UTC offset. */
function wallMs(parts: WallParts): number {
  const d = new Date(0);
  d.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  d.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return d.getTime();
}

/** UTC offset in ms (Tokyo: +9 h) in force at the instant. @internal (tested directly) */
export function utcOffsetMs(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Offsets are whole seconds; drop the milliseconds the formatter cannot show.
  const whole = Math.floor(ms / 1000) * 1000;
  return whole < ARITHMETIC_FROM || whole > ARITHMETIC_TO ? icuOffset(whole, timeZone) : offsetAt(whole, timeZone);
}

/** True for an IANA zone name (or alias) that this runtime knows, e.g. `Asia/Tokyo`. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date's day number (days since 1970-01-01, as `dayNumber`) at an instant given in epoch ms. */
export function localDayNumberOf(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  // The wall clock's day number, without building its parts (the law engine reads every span's day).
  if (whole >= ARITHMETIC_FROM && whole <= ARITHMETIC_TO) return Math.floor((whole + offsetAt(whole, timeZone)) / MS_PER_DAY);
  const p = computeWallParts(whole, timeZone);
  return dayNumber(`${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`);
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  if (whole >= ARITHMETIC_FROM && whole <= ARITHMETIC_TO) return fromDayNumber(localDayNumberOf(whole, timeZone));
  const p = computeWallParts(whole, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const p = wallParts(instant.getTime(), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `localDate` `time`.
 * - Ambiguous (clocks set back, the time occurs twice): the first, earlier occurrence.
 * - Non-existent (clocks set forward, the time is skipped): the instant after the gap, shifted by the
 *   gap's length — New York 2026-03-08 02:30 → 03:30 EDT — as Temporal ("compatible") and java.time
 *   do, so a card planned inside the gap is sent once, soon after, and never skipped.
 */
export function zonedTimeToUtc(localDate: LocalDate, time: LocalTime, timeZone: string): Date {
  return new Date(zonedTimeToUtcMs(localDate, time, timeZone));
}

/** `zonedTimeToUtc` as epoch ms, without a Date. */
export function zonedTimeToUtcMs(localDate: LocalDate, time: LocalTime, timeZone: string): number {
  // The same wall times come back for every person of a zone (09:00 on each workday, 22:00 each
  // night): memoised per zone by the wall clock's minute since 1970 (an integer key, no key string).
  const wallMinute = dayNumber(localDate) * MINUTES_PER_DAY + minutesOfDay(time);
  const known = instants.get(timeZone)?.get(wallMinute);
  if (known !== undefined) return known;
  const instant = computeZonedTimeToUtc(wallMinute * MS_PER_MINUTE, timeZone);
  if (++instantCount > OFFSET_CACHE_MAX) {
    instants.clear();
    instantCount = 1;
  }
  instants.set(timeZone, (instants.get(timeZone) ?? new Map<number, number>()).set(wallMinute, instant));
  return instant;
}

const instants = new Map<string, Map<number, number>>();
let instantCount = 0;

/** The instant of a wall time given as ms since 1970-01-01 00:00 on the zone's clock. */
function computeZonedTimeToUtc(wall: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near the wanted instant (offsets ≤ ±14 h).
  const before = utcOffsetMs(wall - MS_PER_DAY, timeZone);
  const after = utcOffsetMs(wall + MS_PER_DAY, timeZone);
  // The candidates whose offset gives back the wall time; the earlier one when both do.
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (utcOffsetMs(early, timeZone) === wall - early) return early;
  if (late !== early && utcOffsetMs(late, timeZone) === wall - late) return late;
  // No match means a gap: reading the wall time with the pre-gap offset lands after the gap.
  return wall - before;
}
