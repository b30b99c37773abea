import { DEFAULT_SCHEDULE, type CheckinSchedule } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';

/** The company default, the user's time zone and the user's own overrides. */
export function scheduleFor(user: User, companyHolidays: readonly string[]): CheckinSchedule {
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
