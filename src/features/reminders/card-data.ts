/**
 * Data of the reminder cards. Display strings (times, confirmations, notes) are localized by the
 * caller (views.ts with texts.ts); the renderer adds the UI strings under `t`.
 */
export const REMINDER_CARD_NAMES = ['screen-lock-reminder', 'vpn-reminder'] as const;
export type ReminderCardName = (typeof REMINDER_CARD_NAMES)[number];

export interface ScreenLockReminderCardData {
  /** Sent back with every action. */
  reminderId: string;
  reason: 'scheduled' | 'presence';
  /** Local time of the reminder, `HH:MM`. */
  time: string;
  /** Scheduled nudges only: the later nudge times (e.g. "15:00") and whether the person gets them. */
  laterNudges?: { times: string; on: boolean };
  /** Once answered: the read-only confirmation line; the card then has no buttons. */
  confirmation?: string;
  /** A short note after the later-nudge toggle was pressed. */
  note?: string;
}

export interface VpnReminderCardData {
  reminderId: string;
  reason: 'checkout_answer' | 'vpn_signal';
  /** e.g. "Reminder 1 of 3". */
  progress: string;
  confirmation?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface ReminderCardData extends Record<ReminderCardName, object> {
  'screen-lock-reminder': ScreenLockReminderCardData;
  'vpn-reminder': VpnReminderCardData;
}
