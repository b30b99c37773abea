/**
 * The gapcheck texts in Japanese, the original the English table is checked against (texts.en.ts):
 * card template sections read as `${t.<section>.<key>}`, and `msg`, the texts code fills in.
 */
export const ja = {
  gapReason: {
    title: '🕘 勤務時間の確認のお願い',
    text: '{date} の始業・終業の申告と、Teams・VPN・このボットの記録に差がありました。理由を教えてください。',
    reported: '申告',
    recorded: '記録された活動',
    difference: '申告外の時間',
    rule: '厚生労働省テレワークガイドライン：自己申告の時間と客観的な記録の確認',
    reasonLabel: '理由',
    reasonError: '理由を選んでください。',
    reasons: {
      unrecorded_work: '申告した時間の外にも仕事をした（未申告）',
      forgot_to_correct: '始業・終業時刻の修正を忘れた',
      not_working: 'PC や Teams は起動していたが仕事はしていない',
      other: 'その他',
    },
    noteLabel: '詳細（任意）',
    notePlaceholder: '例：20:00 に緊急のメールに返信した',
    submit: '送信',
  },
  /** Gap-check texts outside the card template: notification preview, confirmation, notices. */
  msg: {
    notify: '勤務時間の申告と記録に差がありました',
    confirm: '✓ {time} 理由を受け付けました。ありがとうございます。',
    none: '記録なし',
    unavailableTitle: 'この確認は受け付けていません',
    unavailableText: 'この日の勤務時間の確認はありません。',
  },
};
