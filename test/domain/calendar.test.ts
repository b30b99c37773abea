import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatMinutesOfDay,
  holidayName,
  isJapaneseHoliday,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  minutesOfDay,
  startOfWeek,
  utcOffsetMs,
  weekdayOf,
  zonedTimeToUtc,
} from '../../src/domain/calendar';
import { FakeClock } from '../support/fake-clock';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const TOKYO = 'Asia/Tokyo';
const iso = (d: Date): string => d.toISOString();

describe('local dates', () => {
  it('validates dates and times', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-1')).toBe(false);
    expect(isLocalTime('23:59')).toBe(true);
    expect(isLocalTime('24:00')).toBe(false);
    expect(isLocalTime('9:00')).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-01-05', -7)).toBe('2025-12-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('gives weekdays 0=Sun..6=Sat and Monday week starts', () => {
    expect(weekdayOf('2026-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-01-04')).toBe(0);
    expect(weekdayOf('2026-01-10')).toBe(6);
    expect(weekdayOf('1969-12-31')).toBe(3);
    expect(startOfWeek('2026-01-01')).toBe('2025-12-29');
    expect(startOfWeek('2026-01-04')).toBe('2025-12-29'); // Sunday belongs to the week before
    expect(startOfWeek('2026-01-05')).toBe('2026-01-05');
  });

  it('converts minutes of day', () => {
    expect(minutesOfDay('09:30')).toBe(570);
    expect(formatMinutesOfDay(1500)).toBe('01:00');
    expect(formatMinutesOfDay(-30)).toBe('23:30');
    expect(() => minutesOfDay('25:00')).toThrow(RangeError);
  });
});

describe('time zones', () => {
  it('knows valid zone names', () => {
    expect(isValidTimeZone(TOKYO)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('puts one instant on different days in Tokyo and UTC', () => {
    const clock = new FakeClock('2026-01-04T15:00:00Z'); // 00:00 Monday in Tokyo
    expect(localDateOf(clock.now(), TOKYO)).toBe('2026-01-05');
    expect(localTimeOf(clock.now(), TOKYO)).toBe('00:00');
    expect(localDateOf(clock.now(), 'UTC')).toBe('2026-01-04');
    clock.rewind(1);
    expect(localDateOf(clock.now(), TOKYO)).toBe('2026-01-04');
    expect(localTimeOf(clock.now(), TOKYO)).toBe('23:59');
  });

  it('maps Tokyo wall time to UTC (no DST)', () => {
    expect(iso(zonedTimeToUtc('2026-01-01', '00:00', TOKYO))).toBe('2025-12-31T15:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-07-01', '09:00', TOKYO))).toBe('2026-07-01T00:00:00.000Z');
  });

  it('follows New York across the spring-forward gap (2026-03-08)', () => {
    expect(iso(zonedTimeToUtc('2026-03-08', '01:59', NY))).toBe('2026-03-08T06:59:00.000Z');
    // 02:30 does not exist: the instant after the gap, shifted by its length (03:30 EDT).
    const gap = zonedTimeToUtc('2026-03-08', '02:30', NY);
    expect(iso(gap)).toBe('2026-03-08T07:30:00.000Z');
    expect(localTimeOf(gap, NY)).toBe('03:30');
    expect(iso(zonedTimeToUtc('2026-03-08', '02:00', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-08', '03:00', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-08', '09:00', NY))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-07', '09:00', NY))).toBe('2026-03-07T14:00:00.000Z');
  });

  it('picks the first occurrence in the New York fall-back overlap (2026-11-01)', () => {
    const first = zonedTimeToUtc('2026-11-01', '01:30', NY);
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z'); // EDT; 06:30Z (EST) shows 01:30 again
    expect(localTimeOf(new Date('2026-11-01T06:30:00Z'), NY)).toBe('01:30');
    expect(iso(zonedTimeToUtc('2026-11-01', '02:00', NY))).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-01', '00:59', NY))).toBe('2026-11-01T04:59:00.000Z');
  });

  it('follows Europe/London transitions (2026-03-29, 2026-10-25)', () => {
    expect(iso(zonedTimeToUtc('2026-03-29', '01:30', LONDON))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-10-25', '01:30', LONDON))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-10-25', '09:00', LONDON))).toBe('2026-10-25T09:00:00.000Z');
  });

  it('handles a half-hour DST shift (Australia/Lord_Howe)', () => {
    const t = zonedTimeToUtc('2026-10-04', '02:15', 'Australia/Lord_Howe');
    expect(localTimeOf(t, 'Australia/Lord_Howe')).toBe('02:45');
  });

  it('round-trips every hour of the DST days', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (let h = 0; h < 24; h++) {
        const time = formatMinutesOfDay(h * 60 + 15);
        if (date === '2026-03-08' && h === 2) continue; // the gap
        const at = zonedTimeToUtc(date, time, NY);
        expect([localDateOf(at, NY), localTimeOf(at, NY)]).toEqual([date, time]);
      }
    }
  });

  it('reports UTC offsets', () => {
    expect(utcOffsetMs(new Date('2026-01-01T00:00:00Z'), TOKYO)).toBe(9 * 3_600_000);
    expect(utcOffsetMs(new Date('2026-07-01T00:00:00Z'), NY)).toBe(-4 * 3_600_000);
  });
});

describe('Japanese holidays', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('knows national holidays and substitute holidays', () => {
    expect(isJapaneseHoliday('2026-01-01')).toBe(true);
    expect(holidayName('2026-01-12')).toEqual({ ja: '成人の日', en: 'Coming of Age Day' });
    expect(holidayName('2026-05-06')?.ja).toBe('こどもの日 振替休日');
    expect(isJapaneseHoliday('2026-09-22')).toBe(true); // 国民の休日
    expect(isJapaneseHoliday('2026-01-13')).toBe(false);
    expect(holidayName('2026-01-13')).toBeUndefined();
  });

  it('does not depend on the process time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(isJapaneseHoliday('2026-01-01')).toBe(true);
      expect(isJapaneseHoliday('2025-12-31')).toBe(false);
      expect(isJapaneseHoliday('2026-01-02')).toBe(false);
    }
  });

  it('ignores non-date keys', () => {
    expect(isJapaneseHoliday('constructor')).toBe(false);
    expect(holidayName('__proto__')).toBeUndefined();
  });
});
