import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isLocalDate, localDateOf, localTimeOf, minutesOfDay, utcOffsetMs, zonedTimeToUtc } from '../../src/domain/calendar';

/**
 * The calendar's fast paths (integer day arithmetic, a zone's offset read once per hour, times parsed
 * by character codes: docs/worktime.md "Speed") give exactly what `Date` and ICU give, transitions
 * and odd zones included.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Days since 1970 through `Date`, as the calendar did before: undefined for an impossible date. */
function dateDayNumber(date: string): number | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCMonth() === month - 1 && t.getUTCDate() === day ? Math.round(t.getTime() / 86_400_000) : undefined;
}

/** The wall clock straight from ICU: `YYYY-MM-DD HH:MM` and the offset in ms at a whole second. */
const formats = new Map<string, Intl.DateTimeFormat>();
function icuWall(ms: number, timeZone: string): { date: string; time: string; offset: number } {
  const f = formats.get(timeZone) ?? new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  formats.set(timeZone, f);
  const p = Object.fromEntries(f.formatToParts(ms).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
  return { date: `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`, time: `${pad((p.hour ?? 0) % 24)}:${pad(p.minute ?? 0)}`, offset: wall - Math.floor(ms / 1000) * 1000 };
}

describe('integer day arithmetic', () => {
  it('counts every day from 1600 to 2400 as Date does', () => {
    let date = '1600-01-01';
    const first = dateDayNumber(date) ?? 0;
    const wrong: string[] = [];
    for (let n = 0; n < 292_194; n += 1) {
      if (daysBetween('1600-01-01', date) !== n || dateDayNumber(date) !== first + n) wrong.push(date);
      date = addDays(date, 1);
    }
    expect(wrong).toEqual([]);
    expect(date).toBe('2400-01-01');
  });

  it('rejects the impossible dates Date rolls over, and only those', () => {
    for (const year of [1900, 2000, 2023, 2024, 2100]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${year}-${pad(month)}-${pad(day)}`;
          expect(isLocalDate(date), date).toBe(month >= 1 && month <= 12 && dateDayNumber(date) !== undefined);
        }
      }
    }
  });
});

describe('times by character codes', () => {
  it('reads every minute of the day and refuses anything else', () => {
    for (let m = 0; m < 1440; m++) expect(minutesOfDay(`${pad(Math.floor(m / 60))}:${pad(m % 60)}`)).toBe(m);
    for (const bad of ['', '9:00', '09:000', '09:00\n', ' 09:00', '24:00', '19:60', '0a:00', '09-00', '２３:00', '-1:00', '/9:00']) {
      expect(() => minutesOfDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe('offsets read once per hour', () => {
  const zones = ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu', 'Africa/Casablanca'];

  it.each(zones)('give ICU’s wall clock and offset at every instant of 2026 (%s)', (zone) => {
    // Every 22 min 13 s: each hour, transition hours included, at instants that are not whole minutes.
    const wrong: string[] = [];
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 1_333_000) {
      const icu = icuWall(ms, zone);
      const ours = { date: localDateOf(new Date(ms), zone), time: localTimeOf(new Date(ms), zone), offset: utcOffsetMs(ms, zone) };
      if (ours.date !== icu.date || ours.time !== icu.time || ours.offset !== icu.offset) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('agree with ICU across the transitions of a zone with many (1900–2040, New York)', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1) + 1234; ms < Date.UTC(2040, 0, 1); ms += 86_400_000 * 3 + 3_600_000 + 59_999) {
      if (utcOffsetMs(ms, 'America/New_York') !== icuWall(ms, 'America/New_York').offset) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('map a wall time back to the same instant, memoised or not', () => {
    const first = zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York').toISOString();
    expect(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(first);
    expect(first).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});
