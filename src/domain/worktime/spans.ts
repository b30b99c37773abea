// Straight from the modules, not the calendar's index: each call through a re-export is a getter call.
import { addDays, minutesOfDay, type LocalTime } from '../calendar/local-date';
import { zonedTimeToUtcMs } from '../calendar/time-zone';
import { spansProblem, type WorkedSpan } from './law';
import { byDate, type WorkDayRecord } from './records';

/**
 * Check-in records as the worked spans the law engine reads (issue 17). Old rows need nothing new:
 * the spans are rebuilt from the stored start, end and breaks every time they are read.
 */

// The same instants come back for every person of a zone (09:00 on each workday): their ISO text is
// memoised, so the engine reads the same strings again. Emptied past a bound.
const ISO_CACHE_MAX = 100_000;
const isoTexts = new Map<number, string>();

function iso(ms: number): string {
  const known = isoTexts.get(ms);
  if (known !== undefined) return known;
  const text = new Date(ms).toISOString();
  if (isoTexts.size >= ISO_CACHE_MAX) isoTexts.clear();
  isoTexts.set(ms, text);
  return text;
}

/** A time on the work timeline of a day that started at `startTime`: earlier clock times are the next day. */
function onTimeline(record: WorkDayRecord, startTime: LocalTime, time: LocalTime, timeZone: string): number {
  const nextDay = minutesOfDay(time) < minutesOfDay(startTime);
  return zonedTimeToUtcMs(nextDay ? addDays(record.date, 1) : record.date, time, timeZone);
}

/**
 * The span of one ended day, or undefined when it has none (no end yet, a day off, an office day the
 * bot has no times for, or start = end). The shift belongs to its start day even past midnight
 * (昭63.1.1 基発1号). Known breaks go in only when they are consistent; their minutes stay either way.
 */
function spanOf(record: WorkDayRecord, timeZone: string): WorkedSpan | undefined {
  const { startTime, endTime } = record;
  if (record.status !== 'ended' || !startTime || !endTime || startTime === endTime) return undefined;
  const start = zonedTimeToUtcMs(record.date, startTime, timeZone);
  const end = onTimeline(record, startTime, endTime, timeZone);
  const length = Math.round((end - start) / 60_000);
  const breakMinutes = Math.min(length, Math.max(0, Math.round(record.breakMinutes ?? 0)));
  const breaks = (record.breaks ?? []).map((b) => ({ start: iso(onTimeline(record, startTime, b.start, timeZone)), end: iso(onTimeline(record, startTime, b.end, timeZone)) }));
  const span: WorkedSpan = { start: iso(start), end: iso(end), breakMinutes };
  const withBreaks = { start: span.start, end: span.end, breakMinutes, breaks: [...breaks].sort((a, b) => (a.start < b.start ? -1 : 1)) };
  return breaks.length && !spansProblem([withBreaks]) ? withBreaks : span;
}

/**
 * The worked spans of the records, oldest first. A night shift reported to end after the next day's
 * reported start is cut at that start, so no minute is counted twice (the engine refuses overlaps).
 */
export function recordSpans(records: readonly WorkDayRecord[], timeZone: string): WorkedSpan[] {
  const spans = byDate(records).flatMap((record) => spanOf(record, timeZone) ?? []);
  const out: WorkedSpan[] = [];
  for (const [index, span] of spans.entries()) {
    const next = spans[index + 1];
    if (!next || next.start >= span.end) {
      out.push(span);
      continue;
    }
    const length = Math.round((Date.parse(next.start) - Date.parse(span.start)) / 60_000);
    if (length > 0) out.push({ start: span.start, end: next.start, breakMinutes: Math.min(span.breakMinutes, length) });
  }
  return out;
}
