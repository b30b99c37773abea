import { messageCatalog } from '../../cards/format';

/**
 * Reminder texts outside the card templates: notification previews, confirmations and notes. Every
 * key exists in both languages; `{time}` is a local time, `{times}` the later nudge times.
 */
const ja = {
  notifyScreenLock: '画面をロックしましたか？',
  notifyVpn: 'VPN / リモートデスクトップを切断してください',
  lockedConfirm: '✓ {time} 画面のロックを確認しました。ありがとうございます。',
  atPcConfirm: '✓ {time} PC の前にいることを記録しました。離れるときはロックしてください。',
  disconnectedConfirm: '✓ {time} 切断を確認しました。お疲れさまでした。',
  laterOffNote: '{times} のリマインダーを停止しました。このカードから再開できます。',
  laterOnNote: '{times} のリマインダーを再開しました。',
  progress: '{n} 回目（最大 {max} 回）',
  unavailableTitle: 'このリマインダーは終了しています',
  unavailableText: '新しいリマインダーが届いたら、そちらから回答してください。',
} as const;

export type ReminderMessageKey = keyof typeof ja;

const en: Record<ReminderMessageKey, string> = {
  notifyScreenLock: 'Did you lock your screen?',
  notifyVpn: 'Please disconnect the VPN / remote desktop',
  lockedConfirm: '✓ {time} Screen lock confirmed. Thank you.',
  atPcConfirm: '✓ {time} Noted that you are at your PC. Lock it when you leave.',
  disconnectedConfirm: '✓ {time} Disconnection confirmed. Thank you for your work today.',
  laterOffNote: 'The {times} reminder is off. You can turn it back on from this card.',
  laterOnNote: 'The {times} reminder is on again.',
  progress: 'Reminder {n} of {max}',
  unavailableTitle: 'This reminder is closed',
  unavailableText: 'Please answer the latest reminder when it arrives.',
};

export const reminderMessage = messageCatalog(ja, en);
