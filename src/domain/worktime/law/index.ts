/**
 * Working time on the law's basis (issue 17, docs/worktime.md): 時間外, 休日労働 and 深夜 from worked
 * spans, the 36協定 limits and the 安衛法 interview line, per calendar month. Pure: the caller reads
 * the records and the company's policy and passes them in.
 */
export { assessMonths, type MonthAssessment } from './engine';
export { spansProblem, type KnownBreak, type WorkedSpan } from './days';
export { DEFAULT_LAW_POLICY, lawPolicy, policyProblem, WEEKDAY_NAMES, WorktimeInputError, type FlexPolicy, type InputProblem, type LawPolicy, type WeekdayName } from './policy';
export type { LimitBreach, MonthLimits } from './limits';
export type { DayCount } from './weekly';
