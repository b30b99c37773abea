import type { Locale } from '../domain/shared/locale';

/** Bot texts outside cards: errors and short replies. Every key exists in both languages. */
const ja = {
  genericErrorTitle: 'エラーが発生しました',
  genericError: '処理できませんでした。しばらくしてからもう一度お試しください。続く場合は管理者に参照番号をお伝えください。',
  invalidInputTitle: '入力内容を確認してください',
  invalidInput: '次の項目が未入力か、正しくありません: {fields}',
  unknownAction: 'このボタンは現在使用できません。最新のカードからもう一度操作してください。',
  noStart: '{date} の出勤報告がありません。先に「start」（出勤）で出勤を報告してください。',
  invalidBreaks: '中抜けの時間が正しくありません。開始・終了の両方を、勤務時間内で重ならないように入力してください。',
  invalidDate: 'このカードの日付（{date}）は変更できません。「start」と入力して今日のカードを表示してください。',
  endBeforeStart: '終了時刻が開始時刻より前です。',
  invalidSchedule: '勤務スケジュールの設定に誤りがあります。管理者に連絡してください。',
  notAllowedTitle: '権限がありません',
  notAdmin: '安否確認の開始・終了は管理者のみが行えます。',
  roundNotFound: 'この安否確認は見つからないか、あなたは対象ではありません。',
  emptyScope: '選択した範囲に該当する社員がいません。範囲を見直してください。',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  genericErrorTitle: 'Something went wrong',
  genericError: 'We could not process that. Please try again shortly; if it keeps happening, give your admin the reference below.',
  invalidInputTitle: 'Please check your answers',
  invalidInput: 'These fields are missing or invalid: {fields}',
  unknownAction: 'This button is no longer available. Please use the latest card.',
  noStart: 'There is no start-of-work check-in for {date}. Type "start" to check in first.',
  invalidBreaks: 'The breaks are not valid: give both start and end, within your working time, without overlaps.',
  invalidDate: 'This card is for {date} and can no longer be changed. Type "start" for today\'s card.',
  endBeforeStart: 'The end time is before the start time.',
  invalidSchedule: 'Your work schedule is misconfigured. Please contact your admin.',
  notAllowedTitle: 'Not allowed',
  notAdmin: 'Only admins can start or close safety rounds.',
  roundNotFound: 'This safety round was not found, or you are not part of it.',
  emptyScope: 'The chosen scope selects nobody. Please change it.',
};

const MESSAGES: Readonly<Record<Locale, Record<MessageKey, string>>> = { ja, en };

export function message(locale: Locale, key: MessageKey, values: Readonly<Record<string, string>> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);
}
