/** A year of one person's check-ins, built in memory: the work-time engine benchmark's data (and its speed test's). */
import { addDays, weekdayOf, type LocalDate } from '../src/domain/calendar';
import type { WorkDayRecord } from '../src/domain/worktime/records';

/** A small deterministic generator, so every run assesses the same year. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Person number `person`'s check-ins from `from` to `to`: weekdays (4 % off) 08:30–10:00 to 8½–11 h
 * later with an hour's break (known in 30 % of days), 3 % night shifts from 20:00 past midnight, and
 * 8 % of Saturdays and Sundays worked. About 250 days in a year.
 */
export function personYear(person: number, from: LocalDate, to: LocalDate): WorkDayRecord[] {
  const next = random(person + 1);
  const records: WorkDayRecord[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const weekend = weekday === 0 || weekday === 6;
    if (weekend ? next() > 0.08 : next() < 0.04) continue;
    const night = next() < 0.03;
    const start = night ? 20 * 60 + Math.floor(next() * 4) * 30 : 8 * 60 + 30 + Math.floor(next() * 4) * 30;
    const end = start + 8 * 60 + 30 + Math.floor(next() * 6) * 30;
    const known = next() < 0.3;
    const breaks = known ? [{ start: clock(start + 180), end: clock(start + 240) }] : undefined;
    records.push({
      date, status: 'ended', startTime: clock(start), endTime: clock(end), breakMinutes: 60, breaks,
      workingMinutes: end - start - 60, lateNightMinutes: 0, mood: 1 + Math.floor(next() * 5),
    });
  }
  return records;
}
