import type { Locale } from '../../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/**
 * Text of the reminder cards, for one language. Templates read it next to the common strings as
 * `${t.screenLock.title}`. Patterns: `{time}` a local time, `{times}` the later nudge times.
 */
export interface ReminderStrings {
  screenLock: {
    title: string;
    presenceText: string;
    scheduledText: string;
    rule: string;
    locked: string;
    atPc: string;
    laterOff: string;
    laterOn: string;
  };
  vpnReminder: {
    title: string;
    answerText: string;
    signalText: string;
    rule: string;
    disconnected: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `ReminderStrings`. */
export const REMINDER_STRINGS: Readonly<Record<Locale, ReminderStrings>> = Object.freeze({ ja, en });
