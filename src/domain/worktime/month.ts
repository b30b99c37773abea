import { addDays, weekdayOf, type LocalDate } from '../calendar';
import { addMonths, assessMonths, calendarDays, fortyHourFrame, periodStartOf, policyProblem, weekdayNumber, type FlexPolicy, type LawPolicy, type MonthAssessment } from './law';
import type { WorkDayRecord } from './records';
import { recordSpans } from './spans';

/**
 * One person's month on the law's basis, as the digests, the 80-hour notice, `my week` and the HR
 * export read it (issue 17): the same engine (law/), the same spans (spans.ts), the same range.
 */

/** The 36協定 averages look back 6 months (36条6項3号): the 5 months before the month are read too. */
const AVERAGE_MONTHS = 6;

/**
 * The policy of one person: the company's, in their time zone, with their own flextime or fixed hours
 * when set. A personal setting the engine cannot use (a row edited by hand) falls back to the
 * company's, so one bad row cannot stop a whole team's digest.
 */
export function personLawPolicy(company: LawPolicy, person: { readonly timeZone: string; readonly flex?: FlexPolicy | null }): LawPolicy {
  const own: LawPolicy = { ...company, timeZone: person.timeZone, flex: person.flex === undefined ? company.flex : person.flex };
  if (!policyProblem(own)) return own;
  const inZone: LawPolicy = { ...company, timeZone: person.timeZone };
  return policyProblem(inZone) ? company : inZone;
}

/** The first day of the week that holds `date` under the policy. */
function lawWeekStart(date: LocalDate, policy: Pick<LawPolicy, 'weekStartsOn'>): LocalDate {
  return addDays(date, -((weekdayOf(date) - weekdayNumber(policy.weekStartsOn) + 7) % 7));
}

/** The agreement year (36協定) that holds `date`: its first day. */
function agreementYearStartOf(date: LocalDate, policy: Pick<LawPolicy, 'agreementYearStart'>): LocalDate {
  const thisYear = `${date.slice(0, 4)}-${policy.agreementYearStart}`;
  return thisYear <= date ? thisYear : `${Number(date.slice(0, 4)) - 1}-${policy.agreementYearStart}`;
}

/**
 * The first day to read for an assessment of `date`'s month: the earlier of the agreement year's
 * start and the first of the 6-month average window, moved back to the start of its week (the weekly
 * limit) and, under flextime, of its settlement period. Work before it is not known to the engine.
 */
export function assessmentStart(date: LocalDate, policy: LawPolicy): LocalDate {
  const month = date.slice(0, 7);
  const averageStart = `${addMonths(month, -(AVERAGE_MONTHS - 1))}-01`;
  const yearStart = agreementYearStartOf(date, policy);
  let first = averageStart < yearStart ? averageStart : yearStart;
  if (policy.flex) first = `${periodStartOf(first.slice(0, 7), policy.flex)}-01`;
  return lawWeekStart(first, policy);
}

const ZERO_LIMITS: MonthAssessment['limits'] = { monthly45: false, monthly100: false, average80: false, yearly360: false, yearly720: false, over45Months: 0, interviewNotice: false };

/** A month without any work. */
function emptyMonth(month: string): MonthAssessment {
  return { month, workedMinutes: 0, overtimeMinutes: 0, legalHolidayMinutes: 0, lateNightMinutes: 0, healthCheckMinutes: 0, limits: ZERO_LIMITS, breaches: [], days: [] };
}

/**
 * The months of the records (read from `assessmentStart`), each month's work up to `upTo` included.
 * The policy must have passed `policyProblem` (config and the directory import check it).
 */
export function assessRecords(records: readonly WorkDayRecord[], policy: LawPolicy, upTo: LocalDate): MonthAssessment[] {
  return assessMonths(recordSpans(records.filter((r) => r.date <= upTo), policy.timeZone), policy);
}

/** `date`'s month so far (work up to `date`), zeros when nothing was worked. */
export function monthSoFar(records: readonly WorkDayRecord[], policy: LawPolicy, date: LocalDate): MonthAssessment {
  return assessRecords(records, policy, date).find((m) => m.month === date.slice(0, 7)) ?? emptyMonth(date.slice(0, 7));
}

/** From the middle of the month on, the month is projected at its pace so far (issue 17 "before the line"). */
const PROJECTION_FROM_DAY = 15;

export interface MonthProjection {
  /** 時間外 of the whole month at the pace so far. */
  readonly overtimeMinutes: number;
  /** The 安衛法 basis of the whole month at the pace so far. */
  readonly healthCheckMinutes: number;
}

/**
 * The month at the pace of its first `date` days: the figures so far × days in month ÷ days gone.
 * Under flextime the month's 時間外 is settled at the end, so the pace is that of the work outside the
 * 法定休日 beyond the month's 40 h frame. Undefined before the 15th (too few days to say).
 */
export function projectMonth(month: MonthAssessment, date: LocalDate, flex: boolean): MonthProjection | undefined {
  const day = Number(date.slice(8, 10));
  if (day < PROJECTION_FROM_DAY || date.slice(0, 7) !== month.month) return undefined;
  const pace = (minutes: number): number => Math.round((minutes * calendarDays(month.month)) / day);
  const frame = fortyHourFrame(month.month);
  const overtimeMinutes = flex ? Math.max(0, pace(month.workedMinutes - month.legalHolidayMinutes) - frame) : pace(month.overtimeMinutes);
  return { overtimeMinutes, healthCheckMinutes: Math.max(0, pace(month.workedMinutes) - frame) };
}
