import type { WorkedSpan } from '../../src/domain/worktime/law';

const MINUTE = 60_000;
const TOKYO_OFFSET_MINUTES = 9 * 60;

/** An ISO date-time with the +09:00 offset (the engine reads it in the policy's zone). */
function tokyoIso(epochMs: number): string {
  return `${new Date(epochMs + TOKYO_OFFSET_MINUTES * MINUTE).toISOString().slice(0, 19)}+09:00`;
}

/** A shift in Tokyo from `from` to `to` (HH:MM); an end at or before the start is on the next day. */
export function shift(date: string, from: string, to: string, breakMinutes = 0, breaks: readonly (readonly [string, string])[] = []): WorkedSpan {
  const start = Date.parse(`${date}T${from}:00+09:00`);
  let end = Date.parse(`${date}T${to}:00+09:00`);
  if (end <= start) end += 24 * 60 * MINUTE;
  const at = (time: string): number => {
    const ms = Date.parse(`${date}T${time}:00+09:00`);
    return ms < start ? ms + 24 * 60 * MINUTE : ms;
  };
  return {
    start: tokyoIso(start),
    end: tokyoIso(end),
    breakMinutes,
    ...(breaks.length ? { breaks: breaks.map(([breakStart, breakEnd]) => ({ start: tokyoIso(at(breakStart)), end: tokyoIso(at(breakEnd)) })) } : {}),
  };
}

/** `minutes` of work without breaks starting at 06:00 Tokyo (no late night up to 16 h). */
export function worked(date: string, minutes: number): WorkedSpan {
  const start = Date.parse(`${date}T06:00:00+09:00`);
  return { start: tokyoIso(start), end: tokyoIso(start + minutes * MINUTE), breakMinutes: 0 };
}

/** The dates from `first` on, one a day, `count` of them. */
export function dates(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 24 * 60 * MINUTE).toISOString().slice(0, 10));
}
