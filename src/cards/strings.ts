import type { Locale } from '../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/**
 * The text every card may use, for one language: templates read it as `${t.<section>.<key>}`, next to
 * the sections of the card's own feature (see `cardRenderer`). Feature sections must not reuse these names.
 * Patterns use `{name}`-style placeholders filled by the template (`replace`) or by `fill` in format.ts.
 */
export interface CommonStrings {
  common: {
    yes: string;
    no: string;
    /** Shown where a value is absent (no break, no end time yet). */
    none: string;
  };
  /** Durations: `{h}` hours, `{m}` minutes. */
  duration: { hoursMinutes: string; hoursOnly: string; minutesOnly: string };
  /** Dates: `{y}` year, `{m}` month number, `{mon}` month name, `{d}` day, `{wd}` weekday. */
  calendar: {
    long: string;
    short: string;
    /** Sunday first, as `Date.getUTCDay()`. */
    weekdays: readonly [string, string, string, string, string, string, string];
    months: readonly [string, string, string, string, string, string, string, string, string, string, string, string];
  };
  error: { title: string; ref: string };
  welcome: {
    title: string;
    /** `{name}` = user name. */
    greeting: string;
    intro: string;
    commandsHeading: string;
    /** How to use the list: type the word. */
    commandsHint: string;
    missedHeading: string;
    btnPledge: string;
    btnPending: string;
    btnIncidents: string;
    btnMySafety: string;
    btnLostDevice: string;
    btnPrivatePc: string;
    btnPaper: string;
    /** Messages that are not commands are questions to the guideline. */
    askTitle: string;
    askText: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `CommonStrings`. */
export const COMMON_STRINGS: Readonly<Record<Locale, CommonStrings>> = Object.freeze({ ja, en });
