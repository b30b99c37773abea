import { addDays, type LocalDate } from '../calendar';
import { monthlyHours, shortRests, type MonthlyHours, type RestInterval } from './hours';
import type { WorktimePolicy } from './policy';
import type { WorkDayRecord } from './records';
import { lowMoodRun, missingWorkdays, moodSeries } from './trends';

/** The flags of the manager digest that come from check-ins (reminders and gaps are added by the feature). */
export const WORKTIME_FLAGS = ['low_mood', 'missing_checkins', 'overtime_warning', 'overtime_notice', 'short_rest', 'late_night'] as const;
export type WorktimeFlag = (typeof WORKTIME_FLAGS)[number];

export interface WorktimeInput {
  /** The person's records from the first day of the report date's month (or the window's first day, if earlier) to the report date. */
  readonly records: readonly WorkDayRecord[];
  /** The day the digest reports on ("yesterday"). */
  readonly reportDate: LocalDate;
  /** Length of the mood / missing check-in window, ending on the report date. */
  readonly windowDays: number;
  readonly timeZone: string;
  readonly isWorkday: (date: LocalDate) => boolean;
}

export interface WorktimeAssessment {
  readonly month: MonthlyHours;
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

/** Everything the digest says about one person's working time, and the flags it raises. */
export function assessWorktime(input: WorktimeInput, policy: WorktimePolicy): WorktimeAssessment {
  const monthStart = `${input.reportDate.slice(0, 7)}-01`;
  const upToReport = input.records.filter((r) => r.date <= input.reportDate);
  const days = windowOf(input.reportDate, input.windowDays);
  const inWindow = upToReport.filter((r) => r.date >= (days[0] ?? input.reportDate));
  const month = monthlyHours(upToReport.filter((r) => r.date >= monthStart), input.isWorkday, policy);
  const run = lowMoodRun(inWindow, policy);
  const missing = missingWorkdays(inWindow, days.filter(input.isWorkday));
  // Rest ending on the report date: the interval into it is the one the manager can still act on.
  const rests = shortRests(inWindow, input.timeZone, policy).filter((r) => r.toDate === input.reportDate);
  const report = upToReport.find((r) => r.date === input.reportDate);
  const flags: WorktimeFlag[] = [];
  if (run >= policy.lowMoodDays) flags.push('low_mood');
  if (missing.length >= policy.missingDays) flags.push('missing_checkins');
  if (month.overtimeMinutes >= policy.overtimeWarningMinutes) flags.push('overtime_warning');
  if (month.totalMinutes >= policy.overtimeNoticeMinutes) flags.push('overtime_notice');
  if (rests.length) flags.push('short_rest');
  if ((report?.lateNightMinutes ?? 0) > 0) flags.push('late_night');
  return { month, lowMoodRun: run, missing, shortRests: rests, moods: moodSeries(inWindow, days), report, flags };
}

/** Whether the 80-hour line is reached (the worker gets the notice card, once a month). */
export const needsOvertimeNotice = (month: MonthlyHours, policy: Pick<WorktimePolicy, 'overtimeNoticeMinutes'>): boolean =>
  month.totalMinutes >= policy.overtimeNoticeMinutes;
