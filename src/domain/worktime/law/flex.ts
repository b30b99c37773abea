import type { LocalDate } from '../../calendar';
import type { WorkDay } from './days';
import { addMonths, calendarDays, fortyHourFrame, monthNumber, monthOf, type Month } from './months';
import type { FlexPolicy } from './policy';

/**
 * 50 h a week on average over the month's calendar days, in whole minutes: the monthly cap of a
 * settlement period longer than a month (労基法32条の3第2項).
 */
const fiftyHourCap = (month: Month): number => Math.floor((3000 * calendarDays(month)) / 7);

/** The first month of the settlement period that holds `month`; periods follow each other from flex.firstMonth. */
export function periodStartOf(month: Month, flex: FlexPolicy): Month {
  const offset = monthNumber(month) - monthNumber(flex.firstMonth);
  // Floor division, so months before firstMonth fall into the earlier periods of the same rhythm.
  return addMonths(flex.firstMonth, Math.floor(offset / flex.settlementMonths) * flex.settlementMonths);
}

/**
 * 時間外 under flextime (労基法32条の3), per month of `months`. There is no daily 8 h: what counts is the
 * work (without the 法定休日's, which is 休日労働) beyond the legal frame of the settlement period, the
 * sum of its months' floor(2400 × days ÷ 7), counted in the period's last month (where the period is
 * settled). A period longer than a month also caps each month at 50 h a week on average (32条の3第2項):
 * the minutes beyond it are 時間外 of that month, and are taken off the period's excess at settlement so
 * the same minutes are not counted twice. A period whose last month is not in `months` is still open and
 * puts no settlement anywhere; work outside the input counts as none.
 */
export function flexOvertime(days: readonly WorkDay[], legalHolidays: ReadonlySet<LocalDate>, months: readonly Month[], flex: FlexPolicy): Map<Month, number> {
  const worked = new Map<Month, number>();
  for (const day of days) {
    if (legalHolidays.has(day.date)) continue;
    const month = monthOf(day.date);
    worked.set(month, (worked.get(month) ?? 0) + day.workedMinutes);
  }
  const overtime = new Map<Month, number>(months.map((month) => [month, 0]));
  const add = (month: Month, minutes: number): void => {
    if (overtime.has(month)) overtime.set(month, (overtime.get(month) ?? 0) + minutes);
  };
  const periodStarts = new Set(months.map((month) => periodStartOf(month, flex)));
  for (const start of periodStarts) {
    const periodMonths = Array.from({ length: flex.settlementMonths }, (_, i) => addMonths(start, i));
    let periodWorked = 0;
    let periodFrame = 0;
    let countedMonthly = 0;
    for (const month of periodMonths) {
      const minutes = worked.get(month) ?? 0;
      periodWorked += minutes;
      periodFrame += fortyHourFrame(month);
      if (flex.settlementMonths > 1) {
        const beyondCap = Math.max(0, minutes - fiftyHourCap(month));
        countedMonthly += beyondCap;
        add(month, beyondCap);
      }
    }
    const lastMonth = periodMonths[periodMonths.length - 1] ?? start;
    add(lastMonth, Math.max(0, periodWorked - periodFrame - countedMonthly));
  }
  return overtime;
}
