import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { PURPOSES, type Purpose } from '../../delivery/outbox';
import { localTimeOf } from '../../domain/calendar';
import type { User } from '../../domain/people/user';
import type { ReminderAnswer } from '../../domain/reminders/rules';
import type { ReminderCardData } from './card-data';
import { REMINDER_TEXTS, reminderText, type ReminderTextKey } from './texts';
import type { Reminder } from './repository';

/**
 * Renders cards/screen-lock-reminder.json and cards/vpn-reminder.json with the reminder strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderReminderCard = cardRenderer<ReminderCardData>(REMINDER_TEXTS);

const CONFIRMATIONS: Readonly<Record<ReminderAnswer, ReminderTextKey>> = {
  locked: 'lockedConfirm',
  at_pc: 'atPcConfirm',
  disconnected: 'disconnectedConfirm',
};

function confirmation(user: User, timeZone: string, reminder: Reminder): string | undefined {
  if (reminder.status !== 'answered' || !reminder.answer || !reminder.answeredAt) return undefined;
  return reminderText(user.locale, CONFIRMATIONS[reminder.answer], { time: localTimeOf(reminder.answeredAt, timeZone) });
}

export interface ScreenLockExtras {
  /** The later scheduled nudge times (scheduled reminders only) and whether the person gets them. */
  readonly laterNudges?: { readonly times: string; readonly on: boolean };
  readonly note?: string;
}

/** The screen-lock card: buttons until answered, then the read-only confirmation. */
export function screenLockCardView(user: User, timeZone: string, reminder: Reminder, extras: ScreenLockExtras = {}): AdaptiveCardJson {
  return renderReminderCard(
    'screen-lock-reminder',
    {
      reminderId: reminder.id,
      reason: reminder.reason === 'presence' ? 'presence' : 'scheduled',
      time: localTimeOf(reminder.sentAt ?? reminder.dueAt, timeZone),
      laterNudges: reminder.reason === 'scheduled' ? extras.laterNudges : undefined,
      confirmation: confirmation(user, timeZone, reminder),
      note: extras.note,
    },
    user.locale,
  );
}

export function vpnCardView(user: User, timeZone: string, reminder: Reminder, max: number): AdaptiveCardJson {
  return renderReminderCard(
    'vpn-reminder',
    {
      reminderId: reminder.id,
      reason: reminder.reason === 'vpn_signal' ? 'vpn_signal' : 'checkout_answer',
      progress: reminderText(user.locale, 'progress', { n: reminder.seq, max }),
      confirmation: confirmation(user, timeZone, reminder),
    },
    user.locale,
  );
}

/** Answering a reminder that is not (or no longer) the person's. */
export function unavailableView(user: User): AdaptiveCardJson {
  return renderCommonCard(
    'notice',
    { title: reminderText(user.locale, 'unavailableTitle'), text: reminderText(user.locale, 'unavailableText') },
    user.locale,
  );
}

/** The proactive message of a reminder: its card and the text Teams shows in the notification. */
export function reminderActivity(user: User, card: AdaptiveCardJson, kind: Reminder['kind']): Record<string, unknown> {
  const summary = reminderText(user.locale, kind === 'vpn' ? 'notifyVpn' : 'notifyScreenLock');
  return cardMessage(card, summary);
}

export const purposeOf = (kind: Reminder['kind']): Purpose => (kind === 'vpn' ? PURPOSES.vpnReminder : PURPOSES.screenLockReminder);
