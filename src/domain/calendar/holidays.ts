import holidayJp from '@holiday-jp/holiday_jp';
import type { Localized } from '../shared/locale';
import type { LocalDate } from './local-date';

/**
 * Japanese national holidays (国民の祝日, 振替休日, 国民の休日) from @holiday-jp/holiday_jp.
 * We look dates up in its `YYYY-MM-DD`-keyed table instead of calling `isHoliday(Date)`, which formats
 * the Date in the process time zone and would give the wrong day on a UTC server near midnight.
 * The table covers 1970–2050; dates outside it are reported as not holidays.
 */
interface HolidayEntry {
  readonly name: string;
  readonly name_en: string;
}

const HOLIDAYS: Readonly<Record<string, HolidayEntry>> = holidayJp.holidays;

function entry(date: LocalDate): HolidayEntry | undefined {
  // hasOwn: a lookup such as "constructor" must not hit Object.prototype.
  return Object.hasOwn(HOLIDAYS, date) ? HOLIDAYS[date] : undefined;
}

export function isJapaneseHoliday(date: LocalDate): boolean {
  return entry(date) !== undefined;
}

/** The holiday's name in both languages, e.g. 成人の日 / Coming of Age Day; undefined on other days. @internal (tested directly) */
export function holidayName(date: LocalDate): Localized | undefined {
  const e = entry(date);
  return e ? { ja: e.name, en: e.name_en } : undefined;
}
