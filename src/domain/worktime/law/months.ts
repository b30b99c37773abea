import { addDays, type LocalDate } from '../../calendar';

/** `YYYY-MM`: calendar months are the unit of every monthly count (36協定, 安衛則52条の2). */
export type Month = string;

export const monthOf = (date: LocalDate): Month => date.slice(0, 7);

/** Months since year 0, so month arithmetic is integer arithmetic. */
export function monthNumber(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthFromNumber(count: number): Month {
  return `${String(Math.floor(count / 12)).padStart(4, '0')}-${String((count % 12) + 1).padStart(2, '0')}`;
}

export const addMonths = (month: Month, n: number): Month => monthFromNumber(monthNumber(month) + n);

const firstDayOf = (month: Month): LocalDate => `${month}-01`;

export const lastDayOf = (month: Month): LocalDate => addDays(firstDayOf(addMonths(month, 1)), -1);

export const calendarDays = (month: Month): number => Number(lastDayOf(month).slice(8, 10));

/** Every month from `first` to `last`, both included. */
export function monthRange(first: Month, last: Month): Month[] {
  const from = monthNumber(first);
  return Array.from({ length: Math.max(0, monthNumber(last) - from + 1) }, (_, i) => monthFromNumber(from + i));
}

/**
 * 40 h a week over the month's calendar days, in whole minutes (floor(2400 × days ÷ 7)): the flextime
 * frame (労基法32条の3第1項, 3項) and the base of the 安衛法 interview line (安衛則52条の2第1項).
 */
export const fortyHourFrame = (month: Month): number => Math.floor((2400 * calendarDays(month)) / 7);
