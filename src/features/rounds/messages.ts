import { messageCatalog } from '../../cards/format';

/**
 * Round texts outside the card templates: notification previews, notices to admins, and the
 * patterns the display helpers join values with. Every key exists in both languages.
 */
const ja = {
  notifyCheck: '安否確認',
  notifyCheckReminder: '再送: 安否確認（未回答）',
  notifyUrgent: '至急: 安否確認',
  notifyMembersPending: '未回答のメンバーがいます',
  roundCancelledTitle: '安否確認を取り消しました',
  roundCancelledText: '気象庁が地震情報を取り消したため、回答前の安否確認を中止しました。',
  jmaCancelledTitle: '気象庁が情報を取り消しました',
  jmaCancelledText: '気象庁が地震情報を取り消しましたが、既に回答があるため安否確認は継続しています。必要なら手動で終了してください。',
  aftershockTitle: '余震のため新しい安否確認は開始していません',
  jmaCorrectedTitle: '気象庁の情報が訂正・取消されました',
  /** A JMA notice's text: `{headline}` JMA's headline, `{intensity}` the max intensity, `{where}` jmaNoticeWhere, `{eventId}`. */
  jmaNoticeText: '{headline} {intensity} {where}',
  /** `{prefectures}` the affected prefecture codes. */
  jmaNoticeWhere: '{prefectures}',
  jmaUnknownTitle: '気象庁の電文を読み取れませんでした',
  /** `{title}` the telegram's title as JMA sent it. */
  jmaUnknownText: '「{title}」という電文は自動の安否確認が読める形式ではありません。地震・津波があった場合は手動で安否確認を開始してください。',
  /** Joins names in a list. */
  listSeparator: '、',
  /** `{scope}` scope label, `{names}` the chosen names. */
  scopeWithNames: '{scope}：{names}',
  /** `{names}` the names shown, `{count}` how many more. */
  namesAndMore: '{names} ほか{count}件',
  /** `{location}` the "other" label, `{place}` the place typed. */
  locationWithPlace: '{location}（{place}）',
} as const;

type RoundMessageKey = keyof typeof ja;

const en: Record<RoundMessageKey, string> = {
  notifyCheck: 'Safety check',
  notifyCheckReminder: 'Reminder: safety check (not answered yet)',
  notifyUrgent: 'Urgent: safety check',
  notifyMembersPending: 'Members have not answered',
  roundCancelledTitle: 'Safety round cancelled',
  roundCancelledText: 'JMA cancelled the earthquake report; the round was cancelled before anyone answered.',
  jmaCancelledTitle: 'JMA cancelled the report',
  jmaCancelledText: 'JMA cancelled the report, but people have already answered, so the round stays open. Close it if appropriate.',
  aftershockTitle: 'Aftershock: no new safety round started',
  jmaCorrectedTitle: 'JMA corrected or cancelled a report',
  jmaNoticeText: '{intensity} {where} (event {eventId})',
  jmaNoticeWhere: 'prefectures {prefectures}',
  jmaUnknownTitle: 'A JMA report could not be read',
  jmaUnknownText: 'JMA published a report titled "{title}" that the automatic trigger cannot read. If there was an earthquake or tsunami, start a safety round by hand.',
  listSeparator: ', ',
  scopeWithNames: '{scope}: {names}',
  namesAndMore: '{names} and {count} more',
  locationWithPlace: '{location} ({place})',
};

export const roundMessage = messageCatalog(ja, en);
