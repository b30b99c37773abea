import { describe, expect, it } from 'vitest';
import { assessMonths, lawPolicy, type FlexPolicy, type WorkedSpan } from '../../src/domain/worktime/law';
import { dates, worked } from '../support/worktime-law';

/** `total` minutes spread over the month's days except Sundays (the 法定休日), the remainder on the first. */
function monthWork(month: string, total: number): WorkedSpan[] {
  const days = dates(`${month}-01`, 31).filter((date) => date.startsWith(month) && new Date(`${date}T00:00:00Z`).getUTCDay() !== 0);
  const each = Math.floor(total / days.length);
  return days.map((date, i) => worked(date, each + (i === 0 ? total - each * days.length : 0)));
}

const overtime = (spans: readonly WorkedSpan[], flex: FlexPolicy) =>
  Object.fromEntries(assessMonths(spans, lawPolicy({ flex })).map((m) => [m.month, m.overtimeMinutes]));

const ONE_MONTH: FlexPolicy = { settlementMonths: 1, firstMonth: '2026-04' };
const QUARTER: FlexPolicy = { settlementMonths: 3, firstMonth: '2026-04' }; // Oct–Dec is a period
// Frames floor(2400 × days ÷ 7): Oct 10628, Nov 10285, Dec 10628 (31541). Caps floor(3000 × days ÷ 7): Oct 13285, Nov 12857, Dec 13285.

describe('flextime, 1-month settlement (労基法32条の3第1項)', () => {
  it.each([
    [10284, 0],
    [10285, 0],
    [10286, 1],
  ])('November (30 days, frame 10285): %i worked → %i overtime', (total, expected) => {
    expect(overtime(monthWork('2026-11', total), ONE_MONTH)).toEqual({ '2026-11': expected });
  });

  it('no daily 8 h: a 12 h day inside the frame is no overtime', () => {
    expect(overtime([worked('2026-11-02', 720)], ONE_MONTH)).toEqual({ '2026-11': 0 });
  });

  it('法定休日 work is 休日労働, outside the frame', () => {
    const spans = [...monthWork('2026-11', 10285), worked('2026-11-08', 600)];
    const [november] = assessMonths(spans, lawPolicy({ flex: ONE_MONTH }));
    expect(november).toMatchObject({ overtimeMinutes: 0, legalHolidayMinutes: 600, workedMinutes: 10885 });
    expect(november?.days.every((day) => day.overtimeMinutes === 0)).toBe(true);
  });

  it('each month is settled on its own', () => {
    expect(overtime([...monthWork('2026-10', 10700), ...monthWork('2026-11', 10000)], ONE_MONTH)).toEqual({ '2026-10': 72, '2026-11': 0 });
  });
});

describe('flextime, 3-month settlement (32条の3第1項, 第2項: 50 h a week a month)', () => {
  it.each([
    [13284, 0],
    [13285, 0],
    [13286, 1],
  ])('October cap 13285: %i worked → %i overtime in October itself', (total, expected) => {
    expect(overtime(monthWork('2026-10', total), QUARTER)['2026-10']).toBe(expected);
  });

  it.each([
    [31540, 0],
    [31541, 0],
    [31542, 1],
  ])('the period frame 31541: %i worked in total → %i overtime in December (the settlement month)', (total, expected) => {
    const spans = [...monthWork('2026-10', 10000), ...monthWork('2026-11', 10000), ...monthWork('2026-12', total - 20000)];
    expect(overtime(spans, QUARTER)).toEqual({ '2026-10': 0, '2026-11': 0, '2026-12': expected });
  });

  it('a month over the cap counts there, and is taken off at settlement (no double count)', () => {
    const spans = [...monthWork('2026-10', 14000), ...monthWork('2026-11', 10000), ...monthWork('2026-12', 10000)];
    // October: 14000 − 13285 = 715. Settlement: 34000 − 31541 − 715 = 1744.
    expect(overtime(spans, QUARTER)).toEqual({ '2026-10': 715, '2026-11': 0, '2026-12': 1744 });
  });

  it('the cap excess may cover the whole period excess', () => {
    const spans = [...monthWork('2026-10', 14000), ...monthWork('2026-11', 8000), ...monthWork('2026-12', 10000)];
    expect(overtime(spans, QUARTER)).toEqual({ '2026-10': 715, '2026-11': 0, '2026-12': 0 });
  });

  it('the last month over its cap gets both its cap excess and the settlement', () => {
    const spans = [...monthWork('2026-10', 10000), ...monthWork('2026-11', 10000), ...monthWork('2026-12', 14000)];
    expect(overtime(spans, QUARTER)).toEqual({ '2026-10': 0, '2026-11': 0, '2026-12': 715 + 1744 });
  });

  it('a period not yet ended is not settled', () => {
    expect(overtime([...monthWork('2026-10', 12000), ...monthWork('2026-11', 12000)], QUARTER)).toEqual({ '2026-10': 0, '2026-11': 0 });
  });

  it('periods run back from firstMonth too (firstMonth 2027-01: Oct–Dec 2026 is a period)', () => {
    const spans = [...monthWork('2026-10', 10000), ...monthWork('2026-11', 10000), ...monthWork('2026-12', 11542)];
    expect(overtime(spans, { settlementMonths: 3, firstMonth: '2027-01' })['2026-12']).toBe(1);
    expect(overtime(spans, { settlementMonths: 3, firstMonth: '2026-12' })['2026-12']).toBe(0);
  });

  it('2-month periods: Nov–Dec settle in December', () => {
    const spans = [...monthWork('2026-11', 10285), ...monthWork('2026-12', 10629)];
    expect(overtime(spans, { settlementMonths: 2, firstMonth: '2026-11' })).toEqual({ '2026-11': 0, '2026-12': 1 });
  });
});
