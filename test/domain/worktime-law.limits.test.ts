import { describe, expect, it } from 'vitest';
import { assessMonths, lawPolicy } from '../../src/domain/worktime/law';
import { agreementYearStartOf, breaches, withLimits, type DatedMinutes, type MonthFigures } from '../../src/domain/worktime/law/limits';
import { worked } from '../support/worktime-law';

const fig = (month: string, overtimeMinutes: number, legalHolidayMinutes = 0, healthCheckMinutes = 0): MonthFigures => ({ month, overtimeMinutes, legalHolidayMinutes, healthCheckMinutes });
/** Each month's overtime on its last day (enough for the year's running total). */
const onMonthEnds = (months: readonly MonthFigures[]): DatedMinutes[] => months.map((m) => ({ date: `${m.month}-28`, minutes: m.overtimeMinutes }));
const limitsOf = (months: readonly MonthFigures[], agreementYearStart = '04-01') => withLimits(months, onMonthEnds(months), { agreementYearStart }).map((m) => m.limits);
const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

describe('36協定 and 安衛法 lines: "超え" is strictly more, "未満" must hold', () => {
  it.each([
    [2699, false],
    [2700, false],
    [2701, true],
  ])('monthly45 (36条4項): 時間外 %i → %s', (minutes, expected) => {
    expect(limitsOf([fig('2026-11', minutes)])[0]?.monthly45).toBe(expected);
  });

  it('monthly45 is about 時間外 only, not 休日労働', () => {
    expect(limitsOf([fig('2026-11', 2000, 5000)])[0]?.monthly45).toBe(false);
  });

  it.each([
    [5999, false],
    [6000, true],
    [6001, true],
  ])('monthly100 (36条6項2号, 100時間未満): 時間外 + 休日 %i → %s', (minutes, expected) => {
    expect(limitsOf([fig('2026-11', minutes - 1000, 1000)])[0]?.monthly100).toBe(expected);
  });

  it.each([
    [9599, false],
    [9600, false],
    [9601, true],
  ])('average80 (36条6項3号), 2 months: %i in total → %s', (total, expected) => {
    expect(last(limitsOf([fig('2026-10', 4000), fig('2026-11', total - 5000, 1000)]))?.average80).toBe(expected);
  });

  it.each([
    [7999, false],
    [8000, false],
    [8001, true],
  ])('average80, only the 6-month window: first month %i, then 5 × 4160 → %s in the sixth', (first, expected) => {
    const months = [fig('2026-06', first), ...['07', '08', '09', '10', '11'].map((mm) => fig(`2026-${mm}`, 4160))];
    expect(last(limitsOf(months))?.average80).toBe(expected);
  });

  it('average80 needs at least two months of the input: one month of 90 h alone is not judged', () => {
    expect(limitsOf([fig('2026-11', 5400)])[0]?.average80).toBe(false);
  });

  it('average80 runs across agreement years (March + April)', () => {
    expect(last(limitsOf([fig('2027-03', 5000), fig('2027-04', 5000)]))?.average80).toBe(true);
  });

  it.each([
    [21599, false, false],
    [21600, false, false],
    [21601, true, false],
    [43199, true, false],
    [43200, true, false],
    [43201, true, true],
  ])('yearly360 / yearly720 (36条4項, 5項): 時間外 %i in the agreement year → %s / %s', (total, over360, over720) => {
    const months = [fig('2026-04', total - 1000), fig('2026-05', 1000)];
    expect(last(limitsOf(months))).toMatchObject({ yearly360: over360, yearly720: over720 });
  });

  it('the agreement year starts again on its 起算日 (04-01): March does not count in April', () => {
    const limits = limitsOf([fig('2027-03', 21601), fig('2027-04', 10)]);
    expect(limits.map((l) => l.yearly360)).toEqual([true, false]);
  });

  it('a 起算日 that is not a 1st counts 時間外 from that date (04-16)', () => {
    const months = [fig('2027-04', 0)];
    const entries: DatedMinutes[] = [
      { date: '2027-04-15', minutes: 30000 },
      { date: '2027-04-16', minutes: 21601 },
    ];
    expect(withLimits(months, entries, { agreementYearStart: '04-16' })[0]?.limits.yearly360).toBe(true);
    expect(withLimits(months, entries.slice(0, 1), { agreementYearStart: '04-16' })[0]?.limits.yearly360).toBe(false);
    expect(agreementYearStartOf('2027-04-15', '04-16')).toBe('2026-04-16');
    expect(agreementYearStartOf('2027-03-01', '02-29')).toBe('2027-03-01');
    expect(agreementYearStartOf('2028-02-29', '02-29')).toBe('2028-02-29');
  });

  it('over45Months (36条5項: at most 6) counts the agreement year so far and resets at its start', () => {
    const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((mm) => fig(`2026-${mm}`, mm === '08' ? 2700 : 2701));
    months.push(fig('2027-04', 2701));
    expect(limitsOf(months).map((l) => l.over45Months)).toEqual([1, 2, 3, 4, 4, 5, 6, 7, 8, 1]);
  });

  it.each([
    [4799, false],
    [4800, false],
    [4801, true],
  ])('interviewNotice (安衛則52条の2): %i beyond 40 h a week → %s', (minutes, expected) => {
    expect(limitsOf([fig('2026-11', 0, 0, minutes)])[0]?.interviewNotice).toBe(expected);
  });
});

describe('breaches: which lines the 36協定 makes unlawful', () => {
  const base = { monthly45: false, monthly100: false, average80: false, yearly360: false, yearly720: false, over45Months: 0, interviewNotice: false };
  it.each([
    [{ monthly45: true, yearly360: true }, true, []],
    [{ monthly45: true, yearly360: true }, false, ['monthly45', 'yearly360']],
    [{ monthly100: true, average80: true }, true, ['monthly100', 'average80']],
    [{ monthly100: true, average80: true }, false, ['monthly100', 'average80']],
    [{ yearly720: true, over45Months: 7 }, true, ['yearly720', 'over45Months']],
    [{ over45Months: 6 }, true, []],
    [{ interviewNotice: true }, true, []],
  ])('%j with specialClause %s → %j', (crossed, specialClause, expected) => {
    expect(breaches({ ...base, ...crossed }, { specialClause })).toEqual(expected);
  });
});

describe('the engine fills the figures', () => {
  it.each([
    [15085, false],
    [15086, true],
  ])('healthCheckMinutes: November frame 10285; %i worked (holiday work included) → notice %s', (total, notice) => {
    // 29 days of 480 plus the 法定休日 11-01 with the rest: all hours count for 安衛法.
    const days = Array.from({ length: 29 }, (_, i) => `2026-11-${String(i + 2).padStart(2, '0')}`);
    const spans = [worked('2026-11-01', total - 29 * 480), ...days.map((date) => worked(date, 480))];
    const [november] = assessMonths(spans, lawPolicy());
    expect(november).toMatchObject({ workedMinutes: total, healthCheckMinutes: total - 10285, limits: { interviewNotice: notice } });
    expect(november?.legalHolidayMinutes).toBeGreaterThan(0);
  });

  it('months without work inside the input range are there as zeros, and count in the averages', () => {
    const spans = [worked('2026-10-05', 480), worked('2026-12-07', 480)];
    const months = assessMonths(spans, lawPolicy());
    expect(months.map((m) => [m.month, m.workedMinutes])).toEqual([
      ['2026-10', 480],
      ['2026-11', 0],
      ['2026-12', 480],
    ]);
    expect(months[1]?.limits).toEqual({ monthly45: false, monthly100: false, average80: false, yearly360: false, yearly720: false, over45Months: 0, interviewNotice: false });
  });

  it('breaches follow specialClause', () => {
    // 6 days of 16 h: 6 × 480 daily overtime = 2880 > 45 h.
    const spans = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09'].map((date) => worked(date, 960));
    expect(assessMonths(spans, lawPolicy({ specialClause: false }))[0]?.breaches).toEqual(['monthly45']);
    expect(assessMonths(spans, lawPolicy())[0]?.breaches).toEqual([]);
  });
});
