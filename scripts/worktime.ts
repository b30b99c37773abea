// `npm run -s worktime -- --input FILE.json` (issue 17 item 4, docs/worktime.md)
// For HR: one person's worked days and the company's policy in, the months on the law's basis out
// (時間外, 休日労働, 深夜, the 安衛法 line and the 36協定 limits) as one JSON object on stdout.
// Bad input: one line on stderr naming the field, exit 2, nothing on stdout.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { assessMonths, lawPolicy, policyProblem, spansProblem, WEEKDAY_NAMES, type FlexPolicy, type LawPolicy, type MonthAssessment, type WorkedSpan } from '../src/domain/worktime/law';

const BAD_INPUT = 2;

const weekday = z.enum(WEEKDAY_NAMES);
const flexSchema: z.ZodType<FlexPolicy> = z
  .object({
    settlementMonths: z.union([z.literal(1), z.literal(2), z.literal(3)], { errorMap: () => ({ message: 'must be 1, 2 or 3' }) }),
    firstMonth: z.string(),
  })
  .strict();
// Strict objects: a misspelt field would otherwise fall back to a default and change the counts silently.
const inputSchema = z
  .object({
    policy: z
      .object({
        timeZone: z.string().optional(),
        weekStartsOn: weekday.optional(),
        legalHoliday: z.union([weekday, z.literal('unspecified')]).optional(),
        weeklyLimitHours: z.union([z.literal(40), z.literal(44)], { errorMap: () => ({ message: 'must be 40 or 44' }) }).optional(),
        agreementYearStart: z.string().optional(),
        specialClause: z.boolean().optional(),
        flex: flexSchema.nullable().optional(),
      })
      .strict()
      .default({}),
    days: z.array(
      z
        .object({
          start: z.string(),
          end: z.string(),
          breakMinutes: z.number().int().nonnegative(),
          breaks: z.array(z.object({ start: z.string(), end: z.string() }).strict()).optional(),
        })
        .strict(),
    ),
  })
  .strict();

class BadInput extends Error {}

/** `days[2].end` from zod's ['days', 2, 'end']. */
function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '') || '(input)';
}

/** zod's words for the two commonest mistakes, said as a person would. */
function issueMessage(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.received === 'undefined' ? 'is required' : `must be a ${issue.expected}, not ${issue.received}`;
  return issue.message;
}

async function readInput(file: string | undefined): Promise<unknown> {
  if (!file) throw new BadInput('usage: npm run -s worktime -- --input FILE.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new BadInput(`${file}: cannot read the file (${reason})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadInput(`${file}: not valid JSON`);
  }
}

/** The output contract: exactly these fields, in this order. */
const outputMonth = (month: MonthAssessment) => ({
  month: month.month,
  workedMinutes: month.workedMinutes,
  overtimeMinutes: month.overtimeMinutes,
  legalHolidayMinutes: month.legalHolidayMinutes,
  lateNightMinutes: month.lateNightMinutes,
  healthCheckMinutes: month.healthCheckMinutes,
  limits: month.limits,
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { input: { type: 'string' } } });
  const parsed = inputSchema.safeParse(await readInput(values.input));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInput(issue ? `${fieldPath(issue.path)}: ${issueMessage(issue)}` : '(input): invalid');
  }
  // Typed as the domain's own types, so a drift between this schema and the engine's input does not compile.
  const policy: LawPolicy = lawPolicy(parsed.data.policy);
  const days: readonly WorkedSpan[] = parsed.data.days;
  const problem = policyProblem(policy) ?? spansProblem(days);
  if (problem) throw new BadInput(`${problem.path}: ${problem.message}`);
  const months = assessMonths(days, policy).map(outputMonth);
  process.stdout.write(`${JSON.stringify({ months })}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof BadInput) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = BAD_INPUT;
    return;
  }
  process.stderr.write(`worktime failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
