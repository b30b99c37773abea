/** The Japanese digest card text; strings.ts checks it against `DigestStrings` (no import back, so no cycle). */
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
};
