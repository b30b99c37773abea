import type { ActionCaller } from '../../cards/actions';
import { fitCount } from '../../cards/fit';
import { formatMinutes } from '../../cards/format';
import { renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import { localDateOf } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import { csvCell } from '../../domain/shared/csv';
import { addMonths, calendarDays } from '../../domain/worktime/law';
import { monthSoFar } from '../../domain/worktime/month';
import { usersRepo } from '../../store/users';
import type { DigestContext } from './context';
import { digestsRepo } from './repository';
import { digestText } from './texts';
import { monthLabel, worktimeExportView } from './views';
import { assessmentFrom, lawPolicyOf } from './wellbeing';

/**
 * The monthly HR export (issue 17 item 5): per month and department, one row a person with every
 * figure of the law engine, through a signed link that admins get with the `勤怠エクスポート` command.
 */

/** Path segments that are not a department name: everyone, and the people without a department. */
const ALL_DEPARTMENTS = '_all';
const NO_DEPARTMENT = '_none';

const COLUMNS = [
  'user_id', 'name', 'department', 'month', 'work_time_system', 'worked_minutes', 'overtime_minutes', 'legal_holiday_minutes', 'late_night_minutes',
  'health_check_minutes', 'monthly45', 'monthly100', 'average80', 'yearly360', 'yearly720', 'over45_months', 'interview_notice', 'breaches',
] as const;

const inDepartment = (user: User, department: string): boolean =>
  department === ALL_DEPARTMENTS || (department === NO_DEPARTMENT ? !user.department : user.department === department);

/**
 * The CSV of one month and department of a tenant (active people), figures as the engine gives them:
 * the month's work up to its last day (a month still running: so far). Undefined for a bad month.
 * A BOM so that Excel opens UTF-8; every cell through the formula guard.
 */
export async function worktimeCsv(ctx: DigestContext, tenantId: string, month: string, department: string): Promise<string | undefined> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return undefined;
  const lastDay = `${month}-${String(calendarDays(month)).padStart(2, '0')}`;
  const people = (await usersRepo.listActive(ctx.db, tenantId)).filter((user) => inDepartment(user, department)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const records = people.length ? await digestsRepo.records(ctx.db, people.map((user) => user.id), assessmentFrom(ctx, people, lastDay), lastDay) : new Map();
  const lines = [COLUMNS.join(',')];
  for (const user of people) {
    const policy = lawPolicyOf(ctx, user);
    const m = monthSoFar(records.get(user.id) ?? [], policy, lastDay);
    const system = policy.flex ? `flex-${policy.flex.settlementMonths}` : 'fixed';
    const l = m.limits;
    const row = [
      user.id, user.name, user.department, month, system, m.workedMinutes, m.overtimeMinutes, m.legalHolidayMinutes, m.lateNightMinutes,
      m.healthCheckMinutes, l.monthly45, l.monthly100, l.average80, l.yearly360, l.yearly720, l.over45Months, l.interviewNotice, m.breaches.join(' '),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * `勤怠エクスポート` / `worktime export` (admins): the last month and this month, one signed link per
 * department (and one for everyone), valid EXPORT_LINK_TTL_MINUTES.
 */
export async function worktimeExportCommand(ctx: DigestContext, caller: ActionCaller): Promise<AdaptiveCardJson> {
  const { user } = caller;
  if (!ctx.roles.isAdmin(user) || !ctx.worktimeLink) {
    return renderCommonCard('notice', { title: digestText(user.locale, 'notAdminTitle'), text: digestText(user.locale, 'notAdminText') }, user.locale);
  }
  const link = ctx.worktimeLink;
  const thisMonth = localDateOf(ctx.clock.now(), scheduleFor(user, ctx.companyHolidays).timeZone).slice(0, 7);
  const departments = await digestsRepo.departments(ctx.db, user.tenantId);
  const validFor = digestText(user.locale, 'exportValidFor', { m: formatMinutes(ctx.linkTtlMinutes, user.locale) });
  return worktimeExportCard(user.locale, [addMonths(thisMonth, -1), thisMonth], departments, (month, key) => link(user.tenantId, month, key), validFor);
}

/**
 * The export card: per month a link for everyone, then one per department (null: the people without
 * one). Many departments would not fit one Teams message: the first ones are listed, the rest counted
 * (the "everyone" CSV has them).
 * @internal exported for the card size tests; the app uses worktimeExportCommand.
 */
export function worktimeExportCard(locale: Locale, months: readonly string[], departments: readonly (string | null)[], link: (month: string, key: string) => string, validFor: string): AdaptiveCardJson {
  const choices = [
    { name: digestText(locale, 'exportAll'), key: ALL_DEPARTMENTS },
    ...departments.map((d) => (d === null ? { name: digestText(locale, 'exportNoDepartment'), key: NO_DEPARTMENT } : { name: d, key: d })),
  ];
  return fitCount(choices.length, (count) => {
    const more = choices.length - count;
    return worktimeExportView(
      {
        months: months.map((month) => ({ title: monthLabel(month, locale), departments: choices.slice(0, count).map((c) => ({ name: c.name, url: link(month, c.key) })) })),
        validFor,
        ...(more ? { more: digestText(locale, 'exportMoreDepartments', { n: more }) } : {}),
      },
      locale,
    );
  });
}
