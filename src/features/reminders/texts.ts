import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every reminders text in both languages: the card renderer's `t`, and `reminderText` for texts code fills in. */
export const REMINDER_TEXTS = textCatalog(ja, en);
export type ReminderTextKey = keyof typeof ja.msg;

export const reminderText = messageLookup(REMINDER_TEXTS);
