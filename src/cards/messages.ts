import type { Locale } from '../domain/shared/locale';

/** Core texts outside cards: generic errors and titles. Every key exists in both languages; feature errors are in the features' texts. */
const ja = {
  genericErrorTitle: 'エラーが発生しました',
  genericError: '処理できませんでした。しばらくしてからもう一度お試しください。続く場合は管理者に参照番号をお伝えください。',
  invalidInputTitle: '入力内容を確認してください',
  invalidInput: '次の項目が未入力か、正しくありません: {fields}。もう一度カードを開き（コマンドの一覧は「ヘルプ」）、これらの項目を選ぶか入力してから送信してください。',
  unknownAction: 'このボタンは現在使用できません。最新のカードからもう一度操作してください。',
  notAllowedTitle: '権限がありません',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  genericErrorTitle: 'Something went wrong',
  genericError: 'We could not process that. Please try again shortly; if it keeps happening, give your admin the reference below.',
  invalidInputTitle: 'Please check your answers',
  invalidInput: 'These fields are missing or invalid: {fields}. Open the card again (type "help" for the commands), fill them in and send it again.',
  unknownAction: 'This button is no longer available. Please use the latest card.',
  notAllowedTitle: 'Not allowed',
};

const MESSAGES: Readonly<Record<Locale, Record<MessageKey, string>>> = { ja, en };

export function message(locale: Locale, key: MessageKey, values: Readonly<Record<string, string>> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);
}
