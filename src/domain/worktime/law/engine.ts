import { spansProblem, workDays, type WorkedSpan } from './days';
import { flexOvertime } from './flex';
import { breaches, withLimits, type DatedMinutes, type LimitBreach, type MonthLimits } from './limits';
import { fortyHourFrame, lastDayOf, monthOf, monthRange, type Month } from './months';
import { policyProblem, WorktimeInputError, type LawPolicy } from './policy';
import { fixedHours, legalHolidayDates, type DayCount } from './weekly';

/** One calendar month on the law's basis. */
export interface MonthAssessment {
  readonly month: Month;
  /** All work of the month's days, 法定休日 included. */
  readonly workedMinutes: number;
  /** 時間外 (労基法32条 / 32条の3 basis). */
  readonly overtimeMinutes: number;
  /** 休日労働 on the 法定休日 (労基法35条). */
  readonly legalHolidayMinutes: number;
  /** 22:00–05:00 (労基法37条4項). */
  readonly lateNightMinutes: number;
  /** Total work beyond 40 h a week over the month (安衛則52条の2): the 80 h interview line is about it. */
  readonly healthCheckMinutes: number;
  readonly limits: MonthLimits;
  /** The limits crossed that break the law under the policy's 36協定 (specialClause decides which). */
  readonly breaches: readonly LimitBreach[];
  /** The month's days with work. Under flextime a day's overtimeMinutes is 0: flextime 時間外 exists per month. */
  readonly days: readonly DayCount[];
}

function check(policy: LawPolicy, spans: readonly WorkedSpan[]): void {
  const problem = policyProblem(policy) ?? spansProblem(spans);
  if (problem) throw new WorktimeInputError(problem);
}

/**
 * Every calendar month from the first worked day's to the last one's (months without work included,
 * as zeros), on the law's basis. Throws WorktimeInputError for input that `policyProblem` or
 * `spansProblem` rejects. The input should start at the start of a week (and, under flextime, of a
 * settlement period): work before the first span counts as none.
 */
export function assessMonths(spans: readonly WorkedSpan[], policy: LawPolicy): MonthAssessment[] {
  check(policy, spans);
  const days = workDays(spans, policy.timeZone);
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const months = monthRange(monthOf(first.date), monthOf(last.date));
  const counted = fixedHours(days, policy);
  const flex = policy.flex;
  const flexByMonth = flex ? flexOvertime(days, legalHolidayDates(days, policy), months, flex) : undefined;
  // The days grouped by month once (not filtered again for every month).
  const byMonth = new Map<Month, DayCount[]>();
  for (const day of counted) {
    const month = monthOf(day.date);
    const list = byMonth.get(month);
    if (list) list.push(day);
    else byMonth.set(month, [day]);
  }
  const daysOf = (month: Month): DayCount[] => (byMonth.get(month) ?? []).map((day) => (flexByMonth ? { date: day.date, workedMinutes: day.workedMinutes, lateNightMinutes: day.lateNightMinutes, overtimeMinutes: 0, legalHolidayMinutes: day.legalHolidayMinutes } : day));
  const sum = (list: readonly DayCount[], pick: (day: DayCount) => number): number => list.reduce((total, day) => total + pick(day), 0);

  const figures = months.map((month) => {
    const monthDays = daysOf(month);
    const workedMinutes = sum(monthDays, (day) => day.workedMinutes);
    return {
      month,
      workedMinutes,
      overtimeMinutes: flexByMonth ? (flexByMonth.get(month) ?? 0) : sum(monthDays, (day) => day.overtimeMinutes),
      legalHolidayMinutes: sum(monthDays, (day) => day.legalHolidayMinutes),
      lateNightMinutes: sum(monthDays, (day) => day.lateNightMinutes),
      // 安衛則52条の2: all hours, 法定休日 included, beyond 40 h × days ÷ 7.
      healthCheckMinutes: Math.max(0, workedMinutes - fortyHourFrame(month)),
      days: monthDays,
    };
  });
  // Flextime overtime is settled per month, so it falls on the month's last day for the year's total.
  const overtimeByDate: DatedMinutes[] = flexByMonth
    ? figures.map((month) => ({ date: lastDayOf(month.month), minutes: month.overtimeMinutes }))
    : counted.map((day) => ({ date: day.date, minutes: day.overtimeMinutes }));
  return withLimits(figures, overtimeByDate, policy).map((month) => ({ ...month, breaches: breaches(month.limits, policy) }));
}
