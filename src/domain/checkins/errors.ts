import { DomainError } from '../shared/errors';

/** Which break of the end card: 1 or 2. */
export type BreakIndex = 1 | 2;

export const BREAK_PROBLEM_CODES = [
  'break_incomplete',
  'break_end_before_start',
  'break_outside_work',
  'breaks_overlap',
] as const;
export type BreakProblemCode = (typeof BREAK_PROBLEM_CODES)[number];

export interface BreakProblem {
  readonly code: BreakProblemCode;
  /** Which break(s) of the end card: 1, 2, or both for an overlap. */
  readonly breaks: readonly BreakIndex[];
}

/** Every check-in error code, so the edges can map them exhaustively to user text. */
export const CHECKIN_ERROR_CODES = {
  endBeforeStart: 'CHECKIN.END_BEFORE_START',
  noStart: 'CHECKIN.NO_START',
  invalidBreaks: 'CHECKIN.INVALID_BREAKS',
  invalidSchedule: 'CHECKIN.INVALID_SCHEDULE',
} as const;
/** Raised by the check-in use cases (not by the rules): a card for a day that cannot be answered any more. */
export const WORK_DATE_ERROR_CODES = { invalidDate: 'CHECKIN.INVALID_DATE' } as const;
export type CheckinErrorCode =
  | (typeof CHECKIN_ERROR_CODES)[keyof typeof CHECKIN_ERROR_CODES]
  | (typeof WORK_DATE_ERROR_CODES)[keyof typeof WORK_DATE_ERROR_CODES];

/**
 * The reported end cannot belong to the started day. Overnight work is allowed (an end earlier than the
 * start is read as the next day), so the use case raises this only when that reading is implausible.

 * @internal tested directly
 */
export class EndBeforeStartError extends DomainError {
  readonly code = CHECKIN_ERROR_CODES.endBeforeStart;

  constructor(
    readonly startTime: string,
    readonly endTime: string,
  ) {
    super(`End time ${endTime} is before start time ${startTime}`);
  }
}

/** An end card (or break, or edit) arrived for a day that has no start check-in. */
export class NoStartError extends DomainError {
  readonly code = CHECKIN_ERROR_CODES.noStart;

  constructor(readonly workDate: string) {
    super(`No start check-in for ${workDate}`);
  }
}

/** The breaks (中抜け) on the end card are inconsistent; `problems` says which and why. */
export class InvalidBreaksError extends DomainError {
  readonly code = CHECKIN_ERROR_CODES.invalidBreaks;

  constructor(readonly problems: readonly BreakProblem[]) {
    super(`Invalid breaks: ${problems.map((p) => `${p.code}[${p.breaks.join(',')}]`).join('; ')}`);
  }
}

/** A per-user or company schedule that cannot be planned (bad time zone, times, weekdays or dates). */
export class InvalidScheduleError extends DomainError {
  readonly code = CHECKIN_ERROR_CODES.invalidSchedule;

  constructor(readonly problems: readonly string[]) {
    super(`Invalid check-in schedule: ${problems.join('; ')}`);
  }
}

/** A card date older than a week, or in the future: it cannot be a real work day answer. */
export class InvalidWorkDateError extends DomainError {
  readonly code = WORK_DATE_ERROR_CODES.invalidDate;
  constructor(readonly workDate: string) {
    super(`work date ${workDate} is out of range`);
  }
}
