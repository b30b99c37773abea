import { localDateOf, localTimeOf } from '../domain/calendar/time-zone';
import type { Locale } from '../domain/shared/locale';
import { COMMON_STRINGS } from './strings';

/** Display helpers every feature shares: values → the localized strings card data carries. */

/** Fills `{name}` placeholders; a placeholder without a value stays as it is. */
export function fill(pattern: string, values: Readonly<Record<string, string | number>>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole: string, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}

/** 465 → "7時間45分" / "7h 45m"; 45 → "45分" / "45m"; 120 → "2時間" / "2h". */
export function formatMinutes(minutes: number, locale: Locale): string {
  const d = COMMON_STRINGS[locale].duration;
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const sign = minutes < 0 && total > 0 ? '-' : '';
  if (h === 0) return sign + fill(d.minutesOnly, { m });
  if (m === 0) return sign + fill(d.hoursOnly, { h });
  return sign + fill(d.hoursMinutes, { h, m });
}

/** "2025-07-01" → long "2025年7月1日（火）" / "Tue, Jul 1, 2025"; short "7/1（火）" / "Tue Jul 1". Other input is returned as is. */
export function formatDate(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return isoDate;
  const c = COMMON_STRINGS[locale].calendar;
  const wd = c.weekdays[date.getUTCDay()] ?? '';
  const mon = c.months[m - 1] ?? '';
  return fill(style === 'long' ? c.long : c.short, { y, m, d, wd, mon });
}

/** "12:00", "13:00" → "12:00–13:00"; a missing side shows as "—". */
export function formatTimeRange(start: string | undefined, end: string | undefined, locale: Locale): string {
  const none = COMMON_STRINGS[locale].common.none;
  if (!start && !end) return none;
  return `${start ?? none}–${end ?? none}`;
}

/**
 * A moment as the reader's clock shows it: "7/1（火）09:12" / "Tue Jul 1 09:12". The zone is the
 * reader's (or the company's): the same moment is another day and hour elsewhere.
 */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  // The calendar module's cached zone arithmetic: a new Intl.DateTimeFormat per call was 5 % of a card action's CPU.
  const date = formatDate(localDateOf(at, timeZone), locale, 'short');
  // The Japanese date ends in a full-width bracket, which already separates it from the time.
  return `${date}${locale === 'ja' ? '' : ' '}${localTimeOf(at, timeZone)}`;
}
