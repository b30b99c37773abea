import type { ViolationKind } from '../../domain/checkins/model';

/**
 * The digests texts in Japanese, the original the English table is checked against (texts.en.ts):
 * card template sections read as `${t.<section>.<key>}`, and `msg`, the texts code fills in.
 */
export const ja = {
  digest: {
    wellbeingTitle: '👥 メンバーの状況',
    privacy: '気分は直近7日（▁=1 … █=5、·=報告なし）。状況と傾向のみを表示しています（コメントは含みません）。',
    csv: 'CSV をダウンロード',
    incidentTitle: '🛡 インシデントダイジェスト',
  },
  overtimeNotice: {
    title: '⏱ 時間外・休日労働が 80 時間を超えました',
    intro: '今月の時間外労働と休日労働の合計が、労働安全衛生法で医師による面接指導の対象となる時間に達しました。疲労の蓄積は健康に影響します。',
    total: '時間外＋休日労働',
    overtime: '時間外労働（1日8時間超）',
    holiday: '休日労働',
    howTitle: '医師による面接指導を受けるには',
    how: '面接指導は申し出により受けられます（費用は会社負担）。人事・総務部門または産業医に申し出てください。疲れが取れない、眠れないなどの症状があれば、早めに相談してください。',
    rule: '労働安全衛生法66条の8・労働安全衛生規則52条の2〜52条の3',
  },
  /** Digest texts built in code: statuses, flags, summaries, section rows and notifications. Every key exists in both languages. Patterns: `{n}` a count, `{h}` / `{m}` a formatted duration, `{date}` a short date. */
  msg: {
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
  },
  /** Short violation labels; a kind added later without one shows its code. */
  digestViolations: {
    place_other: '許可外の場所', public_wifi: '公衆Wi-Fi', insecure_wifi: '暗号化の弱いWi-Fi', private_pc_unapproved: '未承認の私用PC',
    vpn_not_disconnected: 'VPN未切断', vpn_not_connected: 'VPN未接続', screen_visible: '画面ののぞき見', pc_shared: 'PCの共用', security_outdated: '更新未適用',
  } satisfies Partial<Record<ViolationKind, string>>,
  digestRoundKinds: { earthquake: '地震', tsunami: '津波', typhoon_flood: '台風・洪水', fire: '火災', other: 'その他' },
};
