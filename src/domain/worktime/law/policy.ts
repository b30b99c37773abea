import { isLocalDate, isValidTimeZone, type Weekday } from '../../calendar';
import { DomainError } from '../../shared/errors';

/**
 * The company's working-time rules as the law reads them (docs/worktime.md). Everything here is a
 * fact of the employment rules (就業規則) or the 36協定, not a preference: the engine derives 時間外,
 * 休日労働 and the limits from it whatever the person's schedule says.
 */

export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Flextime (労基法32条の3): the settlement period (清算期間) is at most 3 months. */
export interface FlexPolicy {
  readonly settlementMonths: 1 | 2 | 3;
  /** `YYYY-MM`, the first month of some settlement period; the periods follow each other from it. */
  readonly firstMonth: string;
}

export interface LawPolicy {
  /** IANA zone in which work days and the 22:00–05:00 late-night window are read. */
  readonly timeZone: string;
  readonly weekStartsOn: WeekdayName;
  /** The 法定休日 (労基法35条); 'unspecified' when the rules do not name one (see weekly.ts). */
  readonly legalHoliday: WeekdayName | 'unspecified';
  /** 40 h (労基法32条1項), or 44 h for a 特例措置対象事業場 (労基則25条の2). */
  readonly weeklyLimitHours: 40 | 44;
  /** `MM-DD`, the 起算日 of the 36協定's year. */
  readonly agreementYearStart: string;
  /** Whether the 36協定 has a special clause (特別条項, 労基法36条5項); decides which lines are breaches. */
  readonly specialClause: boolean;
  readonly flex: FlexPolicy | null;
}

const DEFAULT_LAW_POLICY: LawPolicy = Object.freeze({
  timeZone: 'Asia/Tokyo',
  weekStartsOn: 'sun',
  legalHoliday: 'sun',
  weeklyLimitHours: 40,
  agreementYearStart: '04-01',
  specialClause: true,
  flex: null,
});

/** A field of the input that the engine cannot use, e.g. `{ path: 'policy.timeZone', message: 'unknown IANA time zone' }`. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown by the engine for input that did not pass `policyProblem` / `spansProblem`; callers that check first never see it. */
export class WorktimeInputError extends DomainError {
  readonly code = 'WORKTIME.BAD_INPUT';

  constructor(readonly problem: InputProblem) {
    super(`${problem.path}: ${problem.message}`);
  }
}

/** The policy with the defaults for every field not given. */
export function lawPolicy(given: Partial<LawPolicy> = {}): LawPolicy {
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_LAW_POLICY, ...defined };
}

export const weekdayNumber = (name: WeekdayName): Weekday => WEEKDAY_NAMES.indexOf(name) as Weekday;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first thing wrong with the policy's values (their types are the caller's, e.g. zod's, job). */
export function policyProblem(policy: LawPolicy): InputProblem | undefined {
  const at = (field: string, message: string): InputProblem => ({ path: `policy.${field}`, message });
  if (!isValidTimeZone(policy.timeZone)) return at('timeZone', 'must be an IANA time zone such as Asia/Tokyo');
  if (!WEEKDAY_NAMES.includes(policy.weekStartsOn)) return at('weekStartsOn', `must be one of ${WEEKDAY_NAMES.join(', ')}`);
  if (policy.legalHoliday !== 'unspecified' && !WEEKDAY_NAMES.includes(policy.legalHoliday)) return at('legalHoliday', `must be one of ${WEEKDAY_NAMES.join(', ')}, unspecified`);
  if (policy.weeklyLimitHours !== 40 && policy.weeklyLimitHours !== 44) return at('weeklyLimitHours', 'must be 40 or 44');
  // 2024 is a leap year, so 02-29 is accepted as a 起算日 (the year then starts on 03-01 in other years).
  if (!/^\d{2}-\d{2}$/.test(policy.agreementYearStart) || !isLocalDate(`2024-${policy.agreementYearStart}`)) return at('agreementYearStart', 'must be a day of the year as MM-DD');
  if (policy.flex) {
    if (![1, 2, 3].includes(policy.flex.settlementMonths)) return at('flex.settlementMonths', 'must be 1, 2 or 3 (労基法32条の3)');
    if (!MONTH.test(policy.flex.firstMonth)) return at('flex.firstMonth', 'must be a month as YYYY-MM');
  }
  return undefined;
}
