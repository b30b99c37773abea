import { messageCatalog } from '../../cards/format';
import type { ViolationKind } from '../../domain/checkins/model';
import type { Locale } from '../../domain/shared/locale';

/**
 * Digest texts built in code: statuses, flags, summaries, section rows and notifications. Every key
 * exists in both languages. Patterns: `{n}` a count, `{h}` / `{m}` a formatted duration, `{date}` a short date.
 */
const ja = {
  notifyWellbeing: '{date} のメンバーの状況',
  notifyIncident: '{date} のインシデントダイジェスト',
  notifyNotice: '今月の時間外・休日労働が {h} に達しました',
  statusStarted: '勤務中（終了未報告）',
  statusEnded: '✓ 終了報告済み',
  statusDayOff: '休み',
  statusOffice: '出社',
  statusNone: '✗ 報告なし',
  detail: '{range} · 労働 {work} · 深夜 {night}',
  detailNone: '—',
  mood: '気分 {spark} {values}',
  flagLowMood: '気分の低下が {n} 回連続',
  flagMissing: '報告なし {n} 日（7日間）',
  flagOvertimeWarning: '今月の時間外労働 {h}（{limit} 以上）',
  flagOvertimeNotice: '時間外・休日労働 {h}（{limit} 以上）：本人に通知済み・面接指導の対象',
  flagShortRest: '勤務間インターバル {h}（{limit} 未満）',
  flagLateNight: '深夜労働 {m}',
  flagViolations: '違反：{list}',
  flagVpn: 'VPN 切断リマインダー未確認 {n} 件',
  flagGap: '自己申告と記録の差 {m}',
  flagGapReason: '自己申告と記録の差 {m}（理由：{reason}）',
  summary: '{total} 名中 {checked} 名が報告 · 報告なし {missing} 名 · 要確認 {flagged} 名',
  moreMembers: '全 {total} 名のうち要確認の {shown} 名を表示しています。全員の状況は CSV で確認できます。',
  sectionViolations: '違反（直近7日）',
  sectionRounds: '安否確認の未回答',
  sectionVpn: 'VPN 切断リマインダー未確認',
  rowViolation: '{date} {kind}（{rule}）',
  rowRound: '{kind}{drill}（{date} 開始）：未回答 {n} 名',
  rowRoundPending: '未回答：{names}',
  rowVpn: '{date} リマインダー {n} 回に応答なし',
  drill: '・訓練',
  moreRows: 'ほか {n} 件',
  noticeMonth: '{y}年{m}月',
} as const;

export type DigestMessageKey = keyof typeof ja;

const en: Record<DigestMessageKey, string> = {
  notifyWellbeing: 'Your team on {date}',
  notifyIncident: 'Incident digest for {date}',
  notifyNotice: 'Your overtime and holiday work this month reached {h}',
  statusStarted: 'Working (no check-out)',
  statusEnded: '✓ Checked out',
  statusDayOff: 'Day off',
  statusOffice: 'Office',
  statusNone: '✗ No check-in',
  detail: '{range} · work {work} · late night {night}',
  detailNone: '—',
  mood: 'mood {spark} {values}',
  flagLowMood: 'Low mood {n} check-ins in a row',
  flagMissing: 'No check-in on {n} days (7 days)',
  flagOvertimeWarning: 'Overtime this month {h} (≥ {limit})',
  flagOvertimeNotice: 'Overtime + holiday work {h} (≥ {limit}): worker notified, doctor interview applies',
  flagShortRest: 'Rest between workdays {h} (< {limit})',
  flagLateNight: 'Late-night work {m}',
  flagViolations: 'Violations: {list}',
  flagVpn: '{n} VPN-disconnect reminders not acknowledged',
  flagGap: 'Self-report differs from records by {m}',
  flagGapReason: 'Self-report differs from records by {m} (reason: {reason})',
  summary: '{checked} of {total} checked in · {missing} without check-in · {flagged} to look at',
  moreMembers: 'Showing {shown} members to look at of {total}; everyone is in the CSV.',
  sectionViolations: 'Violations (last 7 days)',
  sectionRounds: 'Safety rounds not answered',
  sectionVpn: 'VPN-disconnect reminders not acknowledged',
  rowViolation: '{date} {kind} ({rule})',
  rowRound: '{kind}{drill} (started {date}): {n} not answered',
  rowRoundPending: 'Not answered: {names}',
  rowVpn: '{date}: {n} reminders without answer',
  drill: ' · drill',
  moreRows: '{n} more',
  noticeMonth: '{mon} {y}',
};

/** Short labels; a kind added later without one shows its code. */
const VIOLATIONS: Readonly<Record<Locale, Readonly<Partial<Record<ViolationKind, string>>>>> = {
  ja: {
    place_other: '許可外の場所', public_wifi: '公衆Wi-Fi', insecure_wifi: '暗号化の弱いWi-Fi', private_pc_unapproved: '未承認の私用PC',
    vpn_not_disconnected: 'VPN未切断', vpn_not_connected: 'VPN未接続', screen_visible: '画面ののぞき見', pc_shared: 'PCの共用', security_outdated: '更新未適用',
  },
  en: {
    place_other: 'unapproved place', public_wifi: 'public Wi-Fi', insecure_wifi: 'weak Wi-Fi encryption', private_pc_unapproved: 'unapproved private PC',
    vpn_not_disconnected: 'VPN not disconnected', vpn_not_connected: 'VPN not connected', screen_visible: 'screen visible to others', pc_shared: 'PC shared', security_outdated: 'updates missing',
  },
};

const ROUND_KINDS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  ja: { earthquake: '地震', tsunami: '津波', typhoon_flood: '台風・洪水', fire: '火災', other: 'その他' },
  en: { earthquake: 'Earthquake', tsunami: 'Tsunami', typhoon_flood: 'Typhoon / flood', fire: 'Fire', other: 'Other' },
};

export const digestMessage = messageCatalog(ja, en);

export const violationLabel = (kind: ViolationKind, locale: Locale): string => VIOLATIONS[locale][kind] ?? kind;
export const roundKindLabel = (kind: string, locale: Locale): string => ROUND_KINDS[locale][kind] ?? kind;
