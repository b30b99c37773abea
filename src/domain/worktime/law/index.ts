/**
 * Working time on the law's basis (issue 17, docs/worktime.md): 時間外, 休日労働 and 深夜 from worked
 * spans, the 36協定 limits and the 安衛法 interview line, per calendar month. Pure: the caller reads
 * the records and the company's policy and passes them in.
 */
export { assessMonths, type MonthAssessment } from './engine';
export { spansProblem, type WorkedSpan } from './days';
export { addMonths, calendarDays, fortyHourFrame } from './months';
export { periodStartOf } from './flex';
export { lawPolicy, policyProblem, weekdayNumber, WEEKDAY_NAMES, type FlexPolicy, type LawPolicy } from './policy';
/** @internal The engine's error for input it was given unchecked; tested directly, the edges will map its code. */
export { WorktimeInputError } from './policy';
