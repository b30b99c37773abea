import { messageCatalog } from '../../cards/format';

/** Gap-check texts outside the card template: notification preview, confirmation, notices. */
const ja = {
  notify: '勤務時間の申告と記録に差がありました',
  confirm: '✓ {time} 理由を受け付けました。ありがとうございます。',
  none: '記録なし',
  unavailableTitle: 'この確認は受け付けていません',
  unavailableText: 'この日の勤務時間の確認はありません。',
} as const;

export type GapMessageKey = keyof typeof ja;

const en: Record<GapMessageKey, string> = {
  notify: 'Your reported hours differ from the records',
  confirm: '✓ {time} Reason received. Thank you.',
  none: 'none recorded',
  unavailableTitle: 'This check is not open',
  unavailableText: 'There is no working-hours check for this day.',
};

export const gapMessage = messageCatalog(ja, en);
