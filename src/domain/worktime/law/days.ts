// Straight from the modules, not the calendar's index: each call through a re-export is a getter call.
import { fromDayNumber, MS_PER_MINUTE, type LocalDate } from '../../calendar/local-date';
import { localDayNumberOf, zonedTimeToUtcMs } from '../../calendar/time-zone';
import type { InputProblem } from './policy';

/** A known break inside a shift (start and end as ISO date-times with offset). */
export interface KnownBreak {
  readonly start: string;
  readonly end: string;
}

/**
 * One stretch of work as recorded: start and end as ISO date-times with an offset, the break
 * minutes taken inside it, and, where known, when the breaks were (only known breaks can be taken
 * out of the late-night minutes).
 */
export interface WorkedSpan {
  readonly start: string;
  readonly end: string;
  readonly breakMinutes: number;
  readonly breaks?: readonly KnownBreak[];
}

/** The work of one local day: every span that started on it. */
export interface WorkDay {
  readonly date: LocalDate;
  readonly workedMinutes: number;
  readonly lateNightMinutes: number;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO date-time with offset; NaN for anything else (a time without offset is ambiguous). */
function instant(iso: string): number {
  const known = instants.get(iso);
  if (known !== undefined) return known;
  const ms = ISO_WITH_OFFSET.test(iso) ? Date.parse(iso) : Number.NaN;
  if (instants.size >= INSTANT_CACHE_MAX) instants.clear();
  instants.set(iso, ms);
  return ms;
}

// Each span's instants are read several times (checks, days, nights, breaks); the same strings come
// back for every person who starts at the same time. Memoised, emptied past a bound.
const INSTANT_CACHE_MAX = 100_000;
const instants = new Map<string, number>();

/** A span's instants as epoch ms (NaN where not an ISO date-time with offset). */
interface SpanInstants {
  readonly start: number;
  readonly end: number;
  readonly breaks: readonly { readonly start: number; readonly end: number }[];
}

// The check, the days and the nights each read a span's instants: read once per span object (spans
// are immutable values; the weak map lets them go with the caller's array).
const spanInstants = new WeakMap<WorkedSpan, SpanInstants>();

function instantsOf(span: WorkedSpan): SpanInstants {
  let known = spanInstants.get(span);
  if (!known) {
    known = { start: instant(span.start), end: instant(span.end), breaks: (span.breaks ?? []).map((b) => ({ start: instant(b.start), end: instant(b.end) })) };
    spanInstants.set(span, known);
  }
  return known;
}

const minutesBetween = (fromMs: number, toMs: number): number => Math.round((toMs - fromMs) / MS_PER_MINUTE);

function breakProblem(span: WorkedSpan, path: string): InputProblem | undefined {
  const { start: spanStart, end: spanEnd, breaks: known } = instantsOf(span);
  let knownMinutes = 0;
  let previousEnd = Number.NEGATIVE_INFINITY;
  const breaks = known.map((b, index) => ({ index, start: b.start, end: b.end }));
  for (const b of breaks) {
    if (Number.isNaN(b.start) || b.start < spanStart) return { path: `${path}.breaks[${b.index}].start`, message: 'must be an ISO date-time with offset, inside the shift' };
    if (Number.isNaN(b.end) || b.end <= b.start || b.end > spanEnd) return { path: `${path}.breaks[${b.index}].end`, message: 'must be an ISO date-time with offset, after start, inside the shift' };
    // Known breaks in time order without overlap: an overlap would take the same minutes off twice.
    if (b.start < previousEnd) return { path: `${path}.breaks[${b.index}].start`, message: 'must come after the previous break ends' };
    previousEnd = b.end;
    knownMinutes += minutesBetween(b.start, b.end);
  }
  // The known breaks are part of breakMinutes, which may also hold breaks whose times are unknown.
  if (knownMinutes > span.breakMinutes) return { path: `${path}.breakMinutes`, message: `must be at least the known breaks' ${knownMinutes} minutes` };
  return undefined;
}

/** The first thing wrong with the spans (field path as `days[2].end`), or undefined. */
export function spansProblem(spans: readonly WorkedSpan[]): InputProblem | undefined {
  let previous: { index: number; end: number } | undefined;
  // Each start read once, not in every comparison of the sort.
  const ordered = spans.map((span, index) => ({ span, index, start: instantsOf(span).start })).sort((a, b) => a.start - b.start);
  for (const { span, index, start } of ordered) {
    const path = `days[${index}]`;
    const end = instantsOf(span).end;
    if (Number.isNaN(start)) return { path: `${path}.start`, message: 'must be an ISO date-time with offset' };
    if (Number.isNaN(end) || end <= start) return { path: `${path}.end`, message: 'must be an ISO date-time with offset, after start' };
    if (!Number.isInteger(span.breakMinutes) || span.breakMinutes < 0 || span.breakMinutes > minutesBetween(start, end)) {
      return { path: `${path}.breakMinutes`, message: 'must be a whole number of minutes from 0 to the length of the shift' };
    }
    // The same minute worked twice would be counted twice.
    if (previous && start < previous.end) return { path: `${path}.start`, message: `overlaps days[${previous.index}]` };
    const problem = breakProblem(span, path);
    if (problem) return problem;
    previous = { index, end };
  }
  return undefined;
}

/** Each zone's nights as epoch ms, by the day number of the day they start on (22:00 of D to 05:00 of D+1). */
const NIGHT_CACHE_MAX = 100_000;
const nights = new Map<string, Map<number, readonly [number, number]>>();
let nightCount = 0;

function nightOf(day: number, timeZone: string): readonly [number, number] {
  const known = nights.get(timeZone)?.get(day);
  if (known) return known;
  const night = [zonedTimeToUtcMs(fromDayNumber(day), '22:00', timeZone), zonedTimeToUtcMs(fromDayNumber(day + 1), '05:00', timeZone)] as const;
  if (++nightCount > NIGHT_CACHE_MAX) {
    nights.clear();
    nightCount = 1;
  }
  nights.set(timeZone, (nights.get(timeZone) ?? new Map<number, readonly [number, number]>()).set(day, night));
  return night;
}

/** Minutes of [from, to) inside 22:00–05:00 local time (労基法37条4項), DST-aware through the calendar helpers. */
function lateNightOverlap(fromMs: number, toMs: number, timeZone: string): number {
  let minutes = 0;
  // Each night runs from 22:00 of day D to 05:00 of D+1; the night before the first day reaches into it.
  const firstDay = localDayNumberOf(fromMs, timeZone) - 1;
  const lastDay = localDayNumberOf(toMs, timeZone);
  for (let day = firstDay; day <= lastDay; day++) {
    const [nightStart, nightEnd] = nightOf(day, timeZone);
    const overlap = Math.min(toMs, nightEnd) - Math.max(fromMs, nightStart);
    if (overlap > 0) minutes += overlap;
  }
  return Math.round(minutes / MS_PER_MINUTE);
}

function spanLateNight(span: WorkedSpan, timeZone: string): number {
  const { start, end, breaks } = instantsOf(span);
  const during = lateNightOverlap(start, end, timeZone);
  // A break whose time is unknown may or may not have been at night, so only known breaks count.
  const knownBreaks = breaks.reduce((sum, b) => sum + lateNightOverlap(b.start, b.end, timeZone), 0);
  return Math.max(0, during - knownBreaks);
}

/**
 * Spans summed per local day, oldest first. A span belongs to the day it started on even when it
 * runs past midnight: 継続勤務 is the work of the day it began (昭63.1.1 基発1号), so a 22:00–07:00 shift
 * is one day's work, not two. Spans must have passed `spansProblem`.
 */
export function workDays(spans: readonly WorkedSpan[], timeZone: string): WorkDay[] {
  const byDate = new Map<LocalDate, { workedMinutes: number; lateNightMinutes: number }>();
  for (const span of spans) {
    const { start, end } = instantsOf(span);
    const date = fromDayNumber(localDayNumberOf(start, timeZone));
    const day = byDate.get(date) ?? { workedMinutes: 0, lateNightMinutes: 0 };
    day.workedMinutes += minutesBetween(start, end) - span.breakMinutes;
    day.lateNightMinutes += spanLateNight(span, timeZone);
    byDate.set(date, day);
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, day]) => ({ date, workedMinutes: day.workedMinutes, lateNightMinutes: day.lateNightMinutes }));
}
