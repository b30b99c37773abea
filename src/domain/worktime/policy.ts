/**
 * Long-hours and wellbeing thresholds of the digests (DOMAIN "Daily check-ins" and "Manager digests").
 * The figures they are compared with come from the law engine (law/, docs/worktime.md); the defaults
 * are the law's lines:
 * - 45 h of monthly 時間外 is the limit of 36協定 without special clauses (労基法36条4項): warning;
 * - 80 h on the 安衛法 basis (all work beyond 40 h a week, 労働安全衛生法66条の8 / 安衛則52条の2): the
 *   worker must be told and may ask for the doctor interview (医師による面接指導);
 * - 11 h between the end of one workday and the start of the next (勤務間インターバル, 労働時間等設定改善法).
 * A line is crossed when the value is strictly above it (超え), a rest interval when it is below it.
 */
export interface WorktimePolicy {
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
  overtimeWarningMinutes: 45 * 60,
  overtimeNoticeMinutes: 80 * 60,
  restIntervalMinMinutes: 11 * 60,
  lowMoodDays: 3,
  lowMoodAtMost: 2,
  missingDays: 2,
});

/** The policy from settings given in hours (config) with the other defaults. */
export function worktimePolicy(settings: { overtimeWarningHours: number; overtimeNoticeHours: number; restIntervalMinHours: number; lowMoodDays: number; missingDays: number }): WorktimePolicy {
  return {
    ...DEFAULT_WORKTIME_POLICY,
    overtimeWarningMinutes: Math.round(settings.overtimeWarningHours * 60),
    overtimeNoticeMinutes: Math.round(settings.overtimeNoticeHours * 60),
    restIntervalMinMinutes: Math.round(settings.restIntervalMinHours * 60),
    lowMoodDays: settings.lowMoodDays,
    missingDays: settings.missingDays,
  };
}
