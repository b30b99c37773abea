import { zonedTimeToUtc } from '../../domain/calendar';
import { isWorkday, scheduleFor } from '../../domain/checkins/schedule';
import type { UserScheduleOverride } from '../../domain/people/user';
import type { Executor } from '../../store/db';

/** Whose figures the console shows: the whole tenant (admins), or a manager's direct reports. */
export interface ConsoleScope {
  readonly tenantId: string;
  readonly managerId?: string;
}

/**
 * Where a person stands on the day: checked in, checked out, at the office, not working, not yet due
 * (their start time has not come: the start card has not gone out), or missing.
 */
export type TodayState = 'started' | 'ended' | 'office' | 'not_working' | 'not_yet' | 'missing';

export interface TodayPerson {
  readonly userId: string;
  readonly name: string;
  readonly department: string | null;
  readonly upn: string | null;
  readonly state: TodayState;
}

/** The day's check-ins of the people in scope: counts by state, and who is missing. */
export interface TodayCheckins {
  readonly date: string;
  readonly total: number;
  readonly counts: Readonly<Record<TodayState, number>>;
  readonly missing: readonly TodayPerson[];
}

interface Row {
  id: string;
  name: string;
  department: string | null;
  email: string | null;
  time_zone: string;
  schedule: UserScheduleOverride | null;
  status: 'started' | 'ended' | 'day_off' | 'office' | null;
}

/**
 * The check-ins of `date` for the active people in scope (one statement, the scope in SQL). Missing
 * means no check-in on one of the person's workdays, as the manager digest counts it; a day off, or a
 * day that is not a workday on the person's schedule (weekend, holiday), is "not working"; before the
 * person's start time on `date` (in their zone) nobody is missing yet.
 */
export async function readToday(ex: Executor, companyHolidays: readonly string[], scope: ConsoleScope, date: string, now: Date): Promise<TodayCheckins> {
  const r = await ex.query<Row>(
    `select u.id, u.name, nullif(u.department, '') as department, u.email, u.time_zone, u.schedule, c.status
     from users u left join checkins c on c.user_id = u.id and c.work_date = $3
     where u.tenant_id = $1 and u.active and ($2::text is null or u.manager_id = $2)
     order by u.name, u.id`,
    [scope.tenantId, scope.managerId ?? null, date],
  );
  const counts: Record<TodayState, number> = { started: 0, ended: 0, office: 0, not_working: 0, not_yet: 0, missing: 0 };
  const missing: TodayPerson[] = [];
  for (const row of r.rows) {
    const schedule = scheduleFor({ timeZone: row.time_zone, schedule: row.schedule }, companyHolidays);
    const absent = (): TodayState => (!isWorkday(date, schedule) ? 'not_working' : now < zonedTimeToUtc(date, schedule.startTime, schedule.timeZone) ? 'not_yet' : 'missing');
    const state: TodayState = row.status === null ? absent() : row.status === 'day_off' ? 'not_working' : row.status;
    counts[state] += 1;
    if (state === 'missing') missing.push({ userId: row.id, name: row.name, department: row.department, upn: row.email, state });
  }
  return { date, total: r.rows.length, counts, missing };
}
