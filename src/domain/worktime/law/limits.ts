import { isLocalDate, type LocalDate } from '../../calendar';
import { lastDayOf, type Month } from './months';
import type { LawPolicy } from './policy';

/**
 * The lines of 労基法36条 and 安衛法66条の8, each exactly as the law words it: "超え" (beyond) is
 * strictly more than the line, "未満" (below) must hold, so reaching it is already over.
 */
export interface MonthLimits {
  /** 時間外 > 45 h in the month (36条4項). */
  readonly monthly45: boolean;
  /** 時間外 + 休日労働 ≥ 100 h in the month: 36条6項2号 requires "100時間未満". */
  readonly monthly100: boolean;
  /** Some 2-, 3-, 4-, 5- or 6-month average of 時間外 + 休日労働 ending this month > 80 h (36条6項3号). */
  readonly average80: boolean;
  /** 時間外 of the agreement year so far > 360 h (36条4項). */
  readonly yearly360: boolean;
  /** 時間外 of the agreement year so far > 720 h (36条5項). */
  readonly yearly720: boolean;
  /** Months of the agreement year so far with 時間外 > 45 h; more than 6 breaches 36条5項. */
  readonly over45Months: number;
  /** healthCheckMinutes > 80 h: tell the worker about the doctor interview (安衛法66条の8, 安衛則52条の2・52条の3). */
  readonly interviewNotice: boolean;
}

/** The limits that, crossed, break the law under this policy's 36協定. */
export type LimitBreach = 'monthly45' | 'monthly100' | 'average80' | 'yearly360' | 'yearly720' | 'over45Months';

export interface MonthFigures {
  readonly month: Month;
  readonly overtimeMinutes: number;
  readonly legalHolidayMinutes: number;
  readonly healthCheckMinutes: number;
}

/** 時間外 as it falls on dates, for the agreement year's running total (its 起算日 need not be a 1st). */
export interface DatedMinutes {
  readonly date: LocalDate;
  readonly minutes: number;
}

const HOUR = 60;
const LINES = Object.freeze({
  monthly45: 45 * HOUR,
  monthly100: 100 * HOUR,
  average80: 80 * HOUR,
  yearly360: 360 * HOUR,
  yearly720: 720 * HOUR,
  over45MonthsAllowed: 6,
  interview: 80 * HOUR,
});
const AVERAGE_SPANS = [2, 3, 4, 5, 6] as const;

/** The 起算日 of the agreement year that holds `date`. @internal (tested directly) */
export function agreementYearStartOf(date: LocalDate, agreementYearStart: string): LocalDate {
  const inYear = (year: number): LocalDate => {
    const candidate = `${String(year).padStart(4, '0')}-${agreementYearStart}`;
    // A 02-29 起算日 starts the year on 03-01 when February has no 29th.
    return isLocalDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-03-01`;
  };
  const year = Number(date.slice(0, 4));
  return inYear(year) <= date ? inYear(year) : inYear(year - 1);
}

/**
 * Every limit for each month of `months` (contiguous and in order, as the engine makes them). The
 * averages of 36条6項3号 run across agreement years, as the law's wording does; they use only months
 * of `months`, so a window reaching before the first month is not judged.
 */
export function withLimits<T extends MonthFigures>(months: readonly T[], overtimeByDate: readonly DatedMinutes[], policy: Pick<LawPolicy, 'agreementYearStart'>): (T & { limits: MonthLimits })[] {
  return months.map((figures, index) => {
    const combined = (entry: MonthFigures): number => entry.overtimeMinutes + entry.legalHolidayMinutes;
    const average80 = AVERAGE_SPANS.some((span) => {
      if (index + 1 < span) return false;
      const total = months.slice(index + 1 - span, index + 1).reduce((sum, m) => sum + combined(m), 0);
      // total ÷ span > 80 h, kept in whole minutes.
      return total > LINES.average80 * span;
    });
    const monthEnd = lastDayOf(figures.month);
    const yearStart = agreementYearStartOf(monthEnd, policy.agreementYearStart);
    const yearToDate = overtimeByDate.filter((entry) => entry.date >= yearStart && entry.date <= monthEnd).reduce((sum, entry) => sum + entry.minutes, 0);
    const over45Months = months
      .slice(0, index + 1)
      .filter((m) => lastDayOf(m.month) >= yearStart && m.overtimeMinutes > LINES.monthly45).length;
    const limits: MonthLimits = {
      monthly45: figures.overtimeMinutes > LINES.monthly45,
      monthly100: combined(figures) >= LINES.monthly100,
      average80,
      yearly360: yearToDate > LINES.yearly360,
      yearly720: yearToDate > LINES.yearly720,
      over45Months,
      interviewNotice: figures.healthCheckMinutes > LINES.interview,
    };
    return { ...figures, limits };
  });
}

/**
 * Which limits are breached. 36条6項 (100 h, 80 h average) binds every 36協定. Without a special clause
 * the 45 h / 360 h of 36条4項 are the ceiling; with one (36条5項) the ceiling is 720 h a year and
 * more than 45 h in at most 6 months, so 45 h and 360 h alone are no breach.
 */
export function breaches(limits: MonthLimits, policy: Pick<LawPolicy, 'specialClause'>): LimitBreach[] {
  const crossed: LimitBreach[] = [];
  if (limits.monthly100) crossed.push('monthly100');
  if (limits.average80) crossed.push('average80');
  if (policy.specialClause) {
    if (limits.yearly720) crossed.push('yearly720');
    if (limits.over45Months > LINES.over45MonthsAllowed) crossed.push('over45Months');
  } else {
    if (limits.monthly45) crossed.push('monthly45');
    if (limits.yearly360) crossed.push('yearly360');
  }
  return crossed;
}
