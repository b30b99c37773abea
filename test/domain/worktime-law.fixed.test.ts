import { describe, expect, it } from 'vitest';
import { assessMonths, lawPolicy, type LawPolicy, type WorkedSpan } from '../../src/domain/worktime/law';
import { dates, shift, worked } from '../support/worktime-law';

const month = (spans: readonly WorkedSpan[], policy: Partial<LawPolicy> = {}) => {
  const months = assessMonths(spans, lawPolicy(policy));
  return Object.fromEntries(months.map((m) => [m.month, { overtime: m.overtimeMinutes, holiday: m.legalHolidayMinutes, worked: m.workedMinutes }]));
};
// 2026-11-01 is a Sunday; the week Sun 11-01 … Sat 11-07.
const [sun, mon, tue, wed, thu, fri, sat] = dates('2026-11-01', 7) as [string, string, string, string, string, string, string];
const weekdays = [mon, tue, wed, thu, fri];

describe('fixed hours: 労基法32条 (8 h a day, 40 h a week), 35条 法定休日', () => {
  it('acceptance: Mon–Fri 9 h and Saturday 5 h → 5×60 daily + 300 weekly, no holiday work', () => {
    const spans = [...weekdays.map((date) => shift(date, '09:00', '19:00', 60)), shift(sat, '09:00', '14:00')];
    expect(month(spans)).toEqual({ '2026-11': { overtime: 600, holiday: 0, worked: 5 * 540 + 300 } });
  });

  it('acceptance: a 6-day week of 7 h days (42 h) → 120 minutes, on the Saturday', () => {
    const spans = [...weekdays, sat].map((date) => worked(date, 420));
    const [november] = assessMonths(spans, lawPolicy());
    expect(november?.overtimeMinutes).toBe(120);
    expect(november?.days.map((day) => day.overtimeMinutes)).toEqual([0, 0, 0, 0, 0, 120]);
  });

  it('acceptance: 10 h on the 法定休日 → 600 holiday minutes, 0 overtime (never 時間外, 37条1項)', () => {
    expect(month([worked(sun, 600)])).toEqual({ '2026-11': { overtime: 0, holiday: 600, worked: 600 } });
  });

  it.each([
    [479, 0],
    [480, 0],
    [481, 1],
  ])('daily line: %i minutes in a day → %i overtime', (minutes, overtime) => {
    expect(month([worked(mon, minutes)])['2026-11']?.overtime).toBe(overtime);
  });

  it.each([
    ['just under 40 h', 479, 0],
    ['at 40 h', 480, 0],
    ['just over 40 h', 481, 1],
  ])('weekly line %s: Saturday after a 32 h week', (_label, saturday, overtime) => {
    const spans = [...weekdays.slice(0, 4).map((date) => worked(date, 480)), worked(sat, saturday)];
    expect(month(spans)['2026-11']?.overtime).toBe(overtime);
  });

  it('Saturday after a 40 h week is all overtime (a Saturday is an ordinary day, not 休日労働)', () => {
    const spans = [...weekdays.map((date) => worked(date, 480)), worked(sat, 300)];
    expect(month(spans)).toEqual({ '2026-11': { overtime: 300, holiday: 0, worked: 2700 } });
  });

  it('a national holiday is an ordinary day: 11-03 文化の日 counts toward the 40 h', () => {
    const spans = [...weekdays.map((date) => worked(date, 480)), worked(sat, 60)];
    expect(spans[1]?.start.slice(0, 10)).toBe('2026-11-03');
    expect(month(spans)['2026-11']).toEqual({ overtime: 60, holiday: 0, worked: 2460 });
  });

  it('daily overtime is not counted again weekly', () => {
    // 5 × 10 h: 600 daily; the 8 h parts make exactly 40 h, so no weekly excess on top.
    expect(month(weekdays.map((date) => worked(date, 600)))['2026-11']?.overtime).toBe(600);
  });

  it('work on the 法定休日 does not count toward the weekly 40 h', () => {
    const spans = [worked(sun, 480), ...weekdays.map((date) => worked(date, 480))];
    expect(month(spans)['2026-11']).toEqual({ overtime: 0, holiday: 480, worked: 2880 });
  });

  it.each([
    ['sat', { overtime: 0, holiday: 300 }],
    ['sun', { overtime: 300, holiday: 0 }],
  ] as const)('legalHoliday %s decides whether Saturday is 休日労働', (legalHoliday, expected) => {
    const spans = [...weekdays.map((date) => worked(date, 480)), worked(sat, 300)];
    expect(month(spans, { legalHoliday })['2026-11']).toMatchObject(expected);
  });

  it.each([
    ['just under 44 h', 239, 0],
    ['at 44 h', 240, 0],
    ['just over 44 h', 241, 1],
  ])('weekly limit 44 (特例措置対象事業場) %s', (_label, saturday, overtime) => {
    const spans = [...weekdays.map((date) => worked(date, 480)), worked(sat, saturday)];
    expect(month(spans, { weeklyLimitHours: 44 })['2026-11']?.overtime).toBe(overtime);
  });

  it('weekStartsOn decides which days share a week', () => {
    // Sat 11-07 and Mon 11-09 … Fri 11-13 share a week only when weeks start on Saturday.
    const spans = [worked('2026-11-07', 480), ...dates('2026-11-09', 4).map((date) => worked(date, 480)), worked('2026-11-13', 60)];
    expect(month(spans, { weekStartsOn: 'sat' })['2026-11']?.overtime).toBe(60);
    expect(month(spans, { weekStartsOn: 'sun' })['2026-11']?.overtime).toBe(0);
  });
});

describe('a week across a month end: the excess is counted on the day it occurs', () => {
  it('crossing on 12-01 (week Wed 11-25 … Tue 12-01): the weekly excess is December’s', () => {
    const spans = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01'].map((date) => worked(date, 480));
    expect(month(spans, { weekStartsOn: 'wed' })).toEqual({
      '2026-11': { overtime: 0, holiday: 0, worked: 2400 },
      '2026-12': { overtime: 480, holiday: 0, worked: 480 },
    });
  });

  it('crossing on 11-30 with Tuesday 12-01 the 法定休日: the excess is November’s, the Tuesday is 休日労働', () => {
    const spans = [...dates('2026-11-25', 6).map((date) => worked(date, 480)), worked('2026-12-01', 300)];
    expect(month(spans, { weekStartsOn: 'wed', legalHoliday: 'tue' })).toEqual({
      '2026-11': { overtime: 480, holiday: 0, worked: 2880 },
      '2026-12': { overtime: 0, holiday: 300, worked: 300 },
    });
  });
});

describe("legalHoliday 'unspecified': the later rest day of a week without one is the 法定休日", () => {
  it('7 days worked: the last day of the week is 休日労働, the others count toward 40 h', () => {
    const spans = dates(sun, 7).map((date) => worked(date, 420));
    const result = month(spans, { legalHoliday: 'unspecified' });
    // Sun–Fri 6 × 7 h = 42 h → 120 weekly; Saturday 420 is holiday work.
    expect(result['2026-11']).toEqual({ overtime: 120, holiday: 420, worked: 2940 });
  });

  it('a week with one day off has no 休日労働, even when the Sunday is worked', () => {
    const spans = dates(sun, 6).map((date) => worked(date, 480)); // Sun–Fri, Saturday off
    expect(month(spans, { legalHoliday: 'unspecified' })['2026-11']).toEqual({ overtime: 480, holiday: 0, worked: 2880 });
  });

  it('a day with spans but no minutes worked is a rest day', () => {
    const spans = [...dates(sun, 6).map((date) => worked(date, 420)), shift(sat, '09:00', '10:00', 60)];
    expect(month(spans, { legalHoliday: 'unspecified' })['2026-11']).toMatchObject({ holiday: 0, overtime: 120 });
  });
});
