import type { FailureReason } from '../../delivery/policy';
import type { OwnStatus, RoundKind, ScopeKind } from '../../domain/safety/model';
import type { CanWork, FamilyStatus, HomeDamage, PhoneResult, RoundStatus, SafetyField, SafetyLocation } from './card-data';

/**
 * The safety-confirmation (安否確認) texts in Japanese, the original the English table is checked
 * against (texts.en.ts): card template sections read as `${t.<section>.<key>}`, and `msg`, the texts
 * code fills in. Patterns: `{kind}` round kind, `{time}` a localized time, `{count}` a number.
 */
export const ja = {
  safetyOptions: {
    roundKind: {
      earthquake: '地震',
      tsunami: '津波',
      typhoon_flood: '台風・洪水',
      fire: '火災',
      other: 'その他',
    } satisfies Record<RoundKind, string>,
    ownStatus: {
      safe: '無事（けがなし）',
      minor_injury: '軽傷（自分で行動できる）',
      serious_injury: '重傷（治療が必要）',
      needs_help: '要支援（救助・支援が必要）',
    } satisfies Record<OwnStatus, string>,
    familyStatus: {
      all_safe: '全員無事',
      some_injured: 'けが人がいる',
      unknown: 'まだ確認できていない',
    } satisfies Record<FamilyStatus, string>,
    homeDamage: {
      none: '被害なし',
      partial: '一部損壊',
      severe: '大きな被害（住めない）',
    } satisfies Record<HomeDamage, string>,
    canWork: {
      yes: '勤務できる',
      remote_only: '在宅なら勤務できる',
      no: '勤務できない',
    } satisfies Record<CanWork, string>,
    location: {
      home: '自宅',
      office: '会社',
      commuting: '通勤・移動中',
      other: 'その他',
    } satisfies Record<SafetyLocation, string>,
    scope: {
      everyone: '全員',
      departments: '部署を選択',
      prefectures: '都道府県を選択',
      people: '個人を選択',
    } satisfies Record<ScopeKind, string>,
    phoneResult: {
      safe: '電話で無事を確認',
      injured: '電話で負傷・被害を確認',
      unreachable: '連絡がつかない',
    } satisfies Record<PhoneResult, string>,
    roundStatus: { open: '実施中', closed: '終了', cancelled: '取消' } satisfies Record<RoundStatus, string>,
    deliveryFailure: {
      blocked: 'ボットがブロック・無効化されている',
      user_gone: 'ユーザーまたはチャットが存在しない',
      not_installed: 'アプリを追加できない',
      too_large: 'メッセージが大きすぎる',
      bad_request: 'Teamsが送信を拒否',
      unauthorized: 'ボットの認証エラー',
      retries_exhausted: '再送の上限に到達',
      target_missing: '更新するカードが見つからない',
    } satisfies Record<FailureReason, string>,
  },
  safetyFields: {
    ownStatus: 'ご自身の状況',
    familyStatus: 'ご家族の状況',
    homeDamage: '自宅の被害',
    canWork: '勤務できますか',
    location: '現在地',
    locationOther: '現在地（その他の場合）',
    comment: 'コメント（任意）',
  } satisfies Record<SafetyField, string>,
  safetyErrors: {
    ownStatus: 'ご自身の状況を選んでください',
    familyStatus: 'ご家族の状況を選んでください',
    homeDamage: '自宅の被害を選んでください',
    canWork: '勤務できるかを選んでください',
    location: '現在地を選んでください',
  } satisfies Record<Exclude<SafetyField, 'locationOther' | 'comment'>, string>,
  round: {
    title: '【{kind}】安否確認',
    drillBadge: '訓練',
    drillNote: 'これは訓練です。実際の災害ではありません。',
    startedAt: '開始 {time}',
    closedAt: '終了 {time}',
    updatedAt: '最終更新 {time}',
    more: 'ほか{count}人',
    noDepartment: '（部署なし）',
    department: '部署',
    name: '氏名',
    manager: '上長',
    csv: 'CSVをダウンロード',
  },
  safetyCheck: {
    reminder: '🔁 再送（{n}回目）: まだ回答を受け取っていません。回答をお願いします。',
    intro: 'ご自身とご家族の状況を回答してください。危険な場所にいる場合は、まず身の安全を確保してください。',
    adminMessage: '管理者からのメッセージ',
    locationOtherPlaceholder: '例：○○小学校（避難所）',
    commentPlaceholder: '伝えたいことがあれば入力してください',
    submit: '回答を送信',
  },
  safetySummary: {
    title: '安否を回答しました',
    answeredAt: '回答 {time}',
    thanks: 'ご回答ありがとうございます。状況が変わったら回答を変更してください。',
    urgent:
      '上長と安全管理担当者に連絡しました。命に関わる場合や救助が必要な場合は、可能であれば119番・110番にも通報してください。',
    closed: 'この安否確認は終了しました。',
    edit: '回答を変更',
  },
  roundForm: {
    title: '安否確認を開始',
    intro: '種類と対象を選んでプレビューしてください。次のカードで確定するまで送信されません。',
    kind: '災害の種類',
    kindError: '災害の種類を選んでください',
    scope: '対象',
    scopeError: '対象を選んでください',
    scopeHint: '部署・都道府県・個人は、対象で選んだ項目だけが使われます。都道府県は勤務地または自宅で判定します。',
    departments: '部署',
    prefectures: '都道府県（勤務地・自宅）',
    people: '個人',
    selectPlaceholder: '選択してください',
    drill: '訓練として実施する',
    message: 'メッセージ（任意）',
    messagePlaceholder: '例：安全を確保したうえで回答してください。',
    preview: 'プレビュー',
  },
  roundConfirm: {
    title: '安否確認の送信内容の確認',
    recipients: '{count}人に送信します',
    noRecipients: '対象者がいません。対象を見直してください。',
    kind: '種類',
    scope: '対象',
    drill: '訓練',
    message: 'メッセージ',
    realWarning: '訓練ではありません。対象者全員に実際の安否確認が届きます。',
    start: '送信を開始',
    cancelHint: '中止する場合は、このカードには何もしないでください。',
  },
  totals: {
    recipients: '対象者',
    answered: '回答済み',
    noAnswer: '未回答',
    safe: '無事',
    minorInjury: '軽傷',
    seriousInjury: '重傷',
    needsHelp: '要支援',
    injured: '負傷',
    total: '対象',
    reachedByPhone: 'うち電話で確認 {count}人',
  },
  roundTally: {
    title: '安否確認の集計',
    byDepartment: '部署別',
    moreDepartments: 'ほか{count}部署',
    deliveryHeading: '配信状況',
    sent: '送信済み',
    failed: '送信失敗',
    inProgress: '送信中',
    refresh: '最新の状況に更新',
    close: '安否確認を終了',
  },
  escalation: {
    title: '安否確認：メンバーが未回答です',
    intro: '次のメンバーが安否確認に回答していません。電話などで連絡を取り、結果を記録してください。',
    phoneSafe: '連絡済：無事',
    phoneInjured: '連絡済：負傷・被害あり',
    phoneUnreachable: '連絡つかず',
    recorded: '記録済み：{result}',
    noneLeft: '未回答のメンバーはいません。',
  },
  alert: {
    title: '至急：支援が必要な回答があります',
    intro: '重傷または要支援の回答です。本人に連絡を取り、必要な支援を手配してください。',
    who: '氏名',
    status: '状況',
    location: '現在地',
    canWork: '勤務',
    comment: 'コメント',
    answeredAt: '回答 {time}',
    chat: 'チャットで連絡',
  },
  roundReport: {
    titleEscalation: '安否確認：未回答者の報告',
    introEscalation: '開始から時間が経っても回答がないメンバーです。各メンバーの上長にも連絡済みです。',
    titleFinal: '安否確認の最終報告',
    nonResponders: '未回答者',
    allAnswered: '全員が回答しました。',
  },
  /** Round texts outside the card templates: notification previews, notices to admins, and the patterns the display helpers join values with, and the texts of refused requests (errorTexts). */
  msg: {
    notAdmin: '安否確認の開始・終了は管理者のみが行えます。',
    roundNotFound: 'この安否確認は見つからないか、あなたは対象ではありません。',
    emptyScope: '選択した範囲に該当する社員がいません。範囲を見直してください。',
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
    /** The drill summary card to admins when a drill closes (docs/console.md). */
    drillSummaryTitle: '訓練の結果',
    drillSummaryText: '管理コンソールの「訓練レポート」で、回答率の推移、部署別ランキング、最後まで回答しなかった人を確認・印刷できます。',
    drillSummaryNotify: '訓練の結果',
    drillRateLabel: '回答率',
    /** `{rate}` percent, `{answered}` / `{total}` people. */
    drillRate: '{rate}%（{answered}/{total} 人）',
    /** `{p}` a milestone percent. */
    drillToLabel: '{p}% 回答まで',
    drillMedianLabel: '回答時間の中央値',
    /** `{minutes}` minutes after the start. */
    drillMinutes: '{minutes} 分',
    drillNotReached: '未達',
    drillBestLabel: '回答率が最も高い部署',
    drillWorstLabel: '回答率が最も低い部署',
    /** `{department}` its name, `{rate}` its answer rate in percent. */
    drillDepartment: '{department}（{rate}%）',
    drillPreviousLabel: '前回の訓練',
    /** `{rate}` percent answered, `{to50}` time to 50 % (drillMinutes or drillNotReached). */
    drillPrevious: '回答率 {rate}%、50% 回答まで {to50}',
  },
};
