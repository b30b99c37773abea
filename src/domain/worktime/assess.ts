import { addDays, type LocalDate } from '../calendar';
import { shortRests, type RestInterval } from './hours';
import type { LawPolicy, MonthAssessment } from './law';
import { monthSoFar, projectMonth, type MonthProjection } from './month';
import type { WorktimePolicy } from './policy';
import type { WorkDayRecord } from './records';
import { lowMoodRun, missingWorkdays, moodSeries } from './trends';

/** The flags of the manager digest that come from check-ins (reminders and gaps are added by the feature). */
export const WORKTIME_FLAGS = [
  'low_mood', 'missing_checkins', 'overtime_warning', 'overtime_notice', 'agreement_limit', 'projected_overtime', 'projected_notice', 'short_rest', 'late_night',
] as const;
export type WorktimeFlag = (typeof WORKTIME_FLAGS)[number];

export interface WorktimeInput {
  /** The person's records from `assessmentStart(reportDate, law)` (month.ts) to the report date. */
  readonly records: readonly WorkDayRecord[];
  /** The day the digest reports on ("yesterday"). */
  readonly reportDate: LocalDate;
  /** Length of the mood / missing check-in window, ending on the report date. */
  readonly windowDays: number;
  /** The person's law policy (personLawPolicy), in their time zone. */
  readonly law: LawPolicy;
  readonly isWorkday: (date: LocalDate) => boolean;
}

export interface WorktimeAssessment {
  /** The report date's month so far on the law's basis (law/engine.ts). */
  readonly month: MonthAssessment;
  /** From the 15th: the month at its pace so far. */
  readonly projection?: MonthProjection;
  readonly lowMoodRun: number;
  readonly missing: readonly LocalDate[];
  readonly shortRests: readonly RestInterval[];
  /** Mood for each day of the window, oldest first. */
  readonly moods: readonly (number | undefined)[];
  readonly report?: WorkDayRecord;
  readonly flags: readonly WorktimeFlag[];
}

/** The window's days, oldest first, ending on `last`. */
export function windowOf(last: LocalDate, days: number): LocalDate[] {
  return Array.from({ length: days }, (_, i) => addDays(last, i - days + 1));
}

/** The 36協定 limits beyond the monthly 45 h that the month crossed (its own flag covers 45 h). */
export const agreementLimitsCrossed = (month: MonthAssessment): ('monthly100' | 'average80' | 'yearly360' | 'yearly720' | 'over45Months')[] => {
  const l = month.limits;
  return [
    ...(l.monthly100 ? (['monthly100'] as const) : []),
    ...(l.average80 ? (['average80'] as const) : []),
    ...(l.yearly720 ? (['yearly720'] as const) : l.yearly360 ? (['yearly360'] as const) : []),
    ...(l.over45Months > 6 ? (['over45Months'] as const) : []),
  ];
};

/** Whether the 80-hour line is crossed (安衛法 basis, strictly more: 超え); the worker gets the notice card, once a month. */
export const needsOvertimeNotice = (month: MonthAssessment, policy: Pick<WorktimePolicy, 'overtimeNoticeMinutes'>): boolean =>
  month.healthCheckMinutes > policy.overtimeNoticeMinutes;

/** Everything the digest says about one person's working time, and the flags it raises. Lines are crossed when strictly above (超え). */
export function assessWorktime(input: WorktimeInput, policy: WorktimePolicy): WorktimeAssessment {
  const upToReport = input.records.filter((r) => r.date <= input.reportDate);
  const days = windowOf(input.reportDate, input.windowDays);
  const inWindow = upToReport.filter((r) => r.date >= (days[0] ?? input.reportDate));
  const month = monthSoFar(upToReport, input.law, input.reportDate);
  const projection = projectMonth(month, input.reportDate, input.law.flex !== null);
  const run = lowMoodRun(inWindow, policy);
  const missing = missingWorkdays(inWindow, days.filter(input.isWorkday));
  // Rest ending on the report date: the interval into it is the one the manager can still act on.
  const rests = shortRests(inWindow, input.law.timeZone, policy).filter((r) => r.toDate === input.reportDate);
  const report = upToReport.find((r) => r.date === input.reportDate);
  const flags: WorktimeFlag[] = [];
  if (run >= policy.lowMoodDays) flags.push('low_mood');
  if (missing.length >= policy.missingDays) flags.push('missing_checkins');
  const warning = month.overtimeMinutes > policy.overtimeWarningMinutes;
  const notice = needsOvertimeNotice(month, policy);
  if (warning) flags.push('overtime_warning');
  if (notice) flags.push('overtime_notice');
  if (agreementLimitsCrossed(month).length) flags.push('agreement_limit');
  if (!warning && projection && projection.overtimeMinutes > policy.overtimeWarningMinutes) flags.push('projected_overtime');
  if (!notice && projection && projection.healthCheckMinutes > policy.overtimeNoticeMinutes) flags.push('projected_notice');
  if (rests.length) flags.push('short_rest');
  if ((report?.lateNightMinutes ?? 0) > 0) flags.push('late_night');
  return { month, projection, lowMoodRun: run, missing, shortRests: rests, moods: moodSeries(inWindow, days), report, flags };
}
