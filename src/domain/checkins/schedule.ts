import {
  addDays,
  isJapaneseHoliday,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  localDateOf,
  MS_PER_DAY,
  MS_PER_MINUTE,
  weekdayOf,
  zonedTimeToUtc,
  type LocalDate,
  type LocalTime,
} from '../calendar';
import type { User, UserScheduleOverride } from '../people/user';
import { InvalidScheduleError } from './errors';

/** When a user gets the start and end cards (DOMAIN "Daily check-ins"); company default with per-user overrides. */
export interface CheckinSchedule {
  readonly timeZone: string;
  readonly startTime: LocalTime;
  /** Earlier than `startTime` means a night shift: the end card comes on the next calendar day. */
  readonly endTime: LocalTime;
  /** 0 = Sunday … 6 = Saturday. */
  readonly workdays: readonly number[];
  readonly skipJapaneseHolidays: boolean;
  readonly companyHolidays: readonly LocalDate[];
}

/**
 * The company default (DOMAIN "Daily check-ins"); scheduleFor applies it with a user's overrides.
 * @internal exported for the schedule tests.
 */
export const DEFAULT_SCHEDULE: CheckinSchedule = Object.freeze({
  timeZone: 'Asia/Tokyo',
  startTime: '09:00',
  endTime: '18:00',
  workdays: Object.freeze([1, 2, 3, 4, 5]),
  skipJapaneseHolidays: true,
  companyHolidays: Object.freeze([]),
});

/** What a schedule is made of: the person's time zone and their own overrides, as stored. */
type ScheduleFields = Pick<User, 'timeZone'> & { readonly schedule?: UserScheduleOverride | null };

/** The company default, the user's time zone and the user's own overrides. */
export function scheduleFor(user: ScheduleFields, companyHolidays: readonly string[]): CheckinSchedule {
  const o = user.schedule ?? {};
  return {
    ...DEFAULT_SCHEDULE,
    timeZone: o.timeZone ?? user.timeZone ?? DEFAULT_SCHEDULE.timeZone,
    startTime: o.startTime ?? DEFAULT_SCHEDULE.startTime,
    endTime: o.endTime ?? DEFAULT_SCHEDULE.endTime,
    workdays: o.workdays ?? DEFAULT_SCHEDULE.workdays,
    companyHolidays,
  };
}

/**
 * `decide` once per distinct schedule (time zone and overrides): a slot's fan-out asks the same
 * question of 100,000 people who share a handful of schedules.
 */
export function oncePerSchedule<R extends ScheduleFields, T>(decide: (row: R) => T): (row: R) => T {
  const answers = new Map<string, T>();
  return (row) => {
    const key = `${row.timeZone}|${JSON.stringify(row.schedule ?? null)}`;
    if (!answers.has(key)) answers.set(key, decide(row));
    return answers.get(key) as T;
  };
}

export type SendKind = 'start' | 'end';

export interface PlannedSend {
  readonly kind: SendKind;
  /** The work day the card belongs to (for a night shift's end card, the day before `at`'s date). */
  readonly localDate: LocalDate;
  readonly at: Date;
}

/** DOMAIN: no check-out by 2 h after the scheduled end → reminder. */
const CHECKOUT_REMINDER_DELAY_MINUTES = 120;

/**
 * A planner bug (or an epoch-zero `from`) must not enumerate centuries of days; a planner catching up
 * after downtime never needs more than this.
 */
const MAX_PLAN_WINDOW_DAYS = 366;

/** Problems in a schedule, empty when it can be planned. Texts are for logs and admin validation. @internal (tested directly) */
export function scheduleProblems(schedule: CheckinSchedule): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(schedule.timeZone)) problems.push(`unknown time zone "${schedule.timeZone}"`);
  if (!isLocalTime(schedule.startTime)) problems.push(`startTime "${schedule.startTime}" is not HH:MM`);
  if (!isLocalTime(schedule.endTime)) problems.push(`endTime "${schedule.endTime}" is not HH:MM`);
  if (schedule.startTime === schedule.endTime) problems.push('startTime and endTime are equal');
  for (const d of schedule.workdays) {
    if (!Number.isInteger(d) || d < 0 || d > 6) problems.push(`workday ${d} is not 0..6`);
  }
  for (const h of schedule.companyHolidays) {
    if (!isLocalDate(h)) problems.push(`company holiday "${h}" is not YYYY-MM-DD`);
  }
  return problems;
}

function assertValidSchedule(schedule: CheckinSchedule): void {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw new InvalidScheduleError(problems);
}

/** A day on which cards are sent: a configured weekday that is neither a Japanese nor a company holiday. */
export function isWorkday(localDate: LocalDate, schedule: CheckinSchedule): boolean {
  if (!schedule.workdays.includes(weekdayOf(localDate))) return false;
  if (schedule.skipJapaneseHolidays && isJapaneseHoliday(localDate)) return false;
  return !schedule.companyHolidays.includes(localDate);
}

function isOvernightSchedule(schedule: CheckinSchedule): boolean {
  return schedule.endTime < schedule.startTime;
}

export function scheduledStartAt(localDate: LocalDate, schedule: CheckinSchedule): Date {
  return zonedTimeToUtc(localDate, schedule.startTime, schedule.timeZone);
}

export function scheduledEndAt(localDate: LocalDate, schedule: CheckinSchedule): Date {
  const endDate = isOvernightSchedule(schedule) ? addDays(localDate, 1) : localDate;
  return zonedTimeToUtc(endDate, schedule.endTime, schedule.timeZone);
}

/** Days looked ahead for the next working hour (a long holiday such as the New Year's is shorter). */
const WORKING_HOUR_LOOKAHEAD_DAYS = 14;

/**
 * `at` when it lies inside the person's scheduled working hours (a workday, start to end; a night
 * schedule's hours run into the next day), else the start of their next working day: a card that asks
 * something of the person reaches them at work, not at 22:00. `at` itself when no workday comes within
 * two weeks.
 */
export function nextWorkingInstant(at: Date, schedule: CheckinSchedule): Date {
  const today = localDateOf(at, schedule.timeZone);
  // From yesterday: a night schedule that started yesterday may still be running.
  for (let i = -1; i <= WORKING_HOUR_LOOKAHEAD_DAYS; i++) {
    const day = addDays(today, i);
    if (!isWorkday(day, schedule) || at >= scheduledEndAt(day, schedule)) continue;
    const start = scheduledStartAt(day, schedule);
    return at > start ? at : start;
  }
  return at;
}

/**
 * Elapsed time after the scheduled end, not wall-clock time: a DST change in between must not shorten
 * or stretch the grace period.
 */
export function checkoutReminderAt(localDate: LocalDate, schedule: CheckinSchedule): Date {
  return new Date(scheduledEndAt(localDate, schedule).getTime() + CHECKOUT_REMINDER_DELAY_MINUTES * MS_PER_MINUTE);
}

/**
 * Every start/end card instant in the half-open window [from, until), sorted by time (start before end
 * at equal instants). Half-open so a planner running periodically with windows [t0,t1), [t1,t2), …
 * plans each send exactly once. A window that is empty or reversed (the clock went backwards) plans
 * nothing.
 */
export function plannedSends(schedule: CheckinSchedule, from: Date, until: Date): PlannedSend[] {
  const fromMs = from.getTime();
  const untilMs = until.getTime();
  if (!(untilMs > fromMs)) return [];
  if (untilMs - fromMs > MAX_PLAN_WINDOW_DAYS * MS_PER_DAY) {
    throw new RangeError(`plannedSends: window longer than ${MAX_PLAN_WINDOW_DAYS} days`);
  }
  assertValidSchedule(schedule);

  // A work day's sends can fall on its next calendar day (night shift end; a DST gap pushing a late
  // time past midnight), so start two days early. No send falls before its work day, so the last work
  // day worth looking at is the local date of `until`.
  const last = localDateOf(until, schedule.timeZone);
  const sends: PlannedSend[] = [];
  for (let day = addDays(localDateOf(from, schedule.timeZone), -2); day <= last; day = addDays(day, 1)) {
    if (!isWorkday(day, schedule)) continue;
    const candidates: PlannedSend[] = [
      { kind: 'start', localDate: day, at: scheduledStartAt(day, schedule) },
      { kind: 'end', localDate: day, at: scheduledEndAt(day, schedule) },
    ];
    for (const c of candidates) {
      const t = c.at.getTime();
      if (t >= fromMs && t < untilMs) sends.push(c);
    }
  }
  const rank = (k: SendKind): number => (k === 'start' ? 0 : 1);
  return sends.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a.kind) - rank(b.kind));
}
