import { messageCatalog } from '../../cards/format';

/**
 * Check-in texts outside the card templates: notification previews, notice cards, week table
 * cells. Every key exists in both languages; `{date}` is a localized date.
 */
const ja = {
  notifyStart: '始業チェックイン',
  notifyEnd: '終業チェックアウト',
  notifyCheckoutReminder: '終業報告がまだです',
  alreadyRecordedTitle: '既に勤務を記録済みです',
  alreadyRecordedText: '{date} は既に出勤の記録があります。変更するには記録済みのカードから回答を変更してください。',
  dayOffTitle: '本日は勤務なしとして記録しました',
  dayOffText: '{date} のリマインダーは送りません。',
  officeDayTitle: '出社日として記録しました',
  officeDayText: '{date} は出社日です。在宅勤務のリマインダーは送りません。',
  weekDayOff: '休み',
  weekOffice: '出社',
} as const;

export type CheckinMessageKey = keyof typeof ja;

const en: Record<CheckinMessageKey, string> = {
  notifyStart: 'Start-of-work check-in',
  notifyEnd: 'End-of-work check-out',
  notifyCheckoutReminder: 'You have not checked out yet',
  alreadyRecordedTitle: 'Work already recorded',
  alreadyRecordedText: 'You already checked in on {date}. Change your answers from the recorded card.',
  dayOffTitle: 'Recorded: not working today',
  dayOffText: 'No more reminders for {date}.',
  officeDayTitle: 'Recorded: office day',
  officeDayText: '{date} is an office day; no telework reminders.',
  weekDayOff: 'Off',
  weekOffice: 'Office',
};

export const checkinMessage = messageCatalog(ja, en);
