import type { z } from 'zod';
import type { envSchema } from './config-schema';
import { lawPolicy, policyProblem, type LawPolicy } from './domain/worktime/law';

/**
 * The working-time section of the configuration (issue 17, docs/worktime.md), derived from values
 * config.ts has already parsed (config.ts stays the only reader of the environment).
 */
export interface WorktimeSettings {
  /** The company's policy for the law engine, in DEFAULT_TIME_ZONE; a person's zone and flextime override it. */
  readonly law: LawPolicy;
  /** How to ask for the doctor's interview (安衛法66条の8), on the 80-hour notice; the built-in sentence when unset. */
  readonly interviewContact?: string;
  readonly interviewUrl?: string;
}

type Parsed = z.output<typeof envSchema>;

export function worktimeSettings(env: Parsed): { settings: WorktimeSettings; problems: string[] } {
  const problems: string[] = [];
  const months = env.WORKTIME_FLEX_SETTLEMENT_MONTHS;
  // A 1-month period starts every month; longer ones need to know which month starts one.
  if (months > 1 && !env.WORKTIME_FLEX_FIRST_MONTH) problems.push('WORKTIME_FLEX_FIRST_MONTH: required with a settlement period of 2 or 3 months (YYYY-MM, the first month of a period)');
  const law = lawPolicy({
    timeZone: env.DEFAULT_TIME_ZONE,
    weekStartsOn: env.WORKTIME_WEEK_STARTS_ON,
    legalHoliday: env.WORKTIME_LEGAL_HOLIDAY,
    weeklyLimitHours: env.WORKTIME_WEEKLY_LIMIT_HOURS,
    agreementYearStart: env.WORKTIME_AGREEMENT_YEAR_START,
    specialClause: env.WORKTIME_SPECIAL_CLAUSE,
    flex: months === 0 ? null : { settlementMonths: months, firstMonth: env.WORKTIME_FLEX_FIRST_MONTH ?? '2000-01' },
  });
  const problem = problems.length ? undefined : policyProblem(law);
  // DEFAULT_TIME_ZONE is reported on its own; the rest of the policy is named by its variable.
  if (problem && problem.path !== 'policy.timeZone') problems.push(`WORKTIME (${problem.path}): ${problem.message}`);
  return { settings: { law, interviewContact: env.WORKTIME_INTERVIEW_CONTACT, interviewUrl: env.WORKTIME_INTERVIEW_URL }, problems };
}
