/**
 * Long-hours and wellbeing thresholds (DOMAIN "Daily check-ins" and "Manager digests"). Every value
 * is configurable; the defaults follow the law where there is one:
 * - overtime is work beyond 8 hours on a scheduled workday (労働基準法32条, the daily legal limit;
 *   the weekly 40-hour basis is not applied, see docs/digests.md);
 * - all work on a day that is not a scheduled workday (weekend, national or company holiday) is
 *   holiday work, and not counted as overtime as well;
 * - 45 h of monthly overtime is the limit of 36協定 without special clauses (労基法36条4項): warning;
 * - 80 h of overtime + holiday work is the line of 労働安全衛生法66条の8 / 安衛則52条の2: the worker
 *   must be told and may ask for the doctor interview (医師による面接指導);
 * - 11 h between the end of one workday and the start of the next (勤務間インターバル, 労働時間等設定改善法).
 * A flag fires when the value reaches its threshold (≥), a rest interval when it is below it.
 */
export interface WorktimePolicy {
  readonly dailyLegalMinutes: number;
  readonly overtimeWarningMinutes: number;
  readonly overtimeNoticeMinutes: number;
  readonly restIntervalMinMinutes: number;
  /** Consecutive check-ins with a mood at or below `lowMoodAtMost`. */
  readonly lowMoodDays: number;
  readonly lowMoodAtMost: number;
  /** Scheduled workdays without any check-in within the digest window. */
  readonly missingDays: number;
}

/** The legal defaults; settings override them (worktimePolicy). @internal exported for the domain tests. */
export const DEFAULT_WORKTIME_POLICY: WorktimePolicy = Object.freeze({
  dailyLegalMinutes: 8 * 60,
  overtimeWarningMinutes: 45 * 60,
  overtimeNoticeMinutes: 80 * 60,
  restIntervalMinMinutes: 11 * 60,
  lowMoodDays: 3,
  lowMoodAtMost: 2,
  missingDays: 2,
});

/** The policy from settings given in hours (config) with the other defaults. */
export function worktimePolicy(s: { overtimeWarningHours: number; overtimeNoticeHours: number; restIntervalMinHours: number; lowMoodDays: number; missingDays: number }): WorktimePolicy {
  return {
    ...DEFAULT_WORKTIME_POLICY,
    overtimeWarningMinutes: Math.round(s.overtimeWarningHours * 60),
    overtimeNoticeMinutes: Math.round(s.overtimeNoticeHours * 60),
    restIntervalMinMinutes: Math.round(s.restIntervalMinHours * 60),
    lowMoodDays: s.lowMoodDays,
    missingDays: s.missingDays,
  };
}
