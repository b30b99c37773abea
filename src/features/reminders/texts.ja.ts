/**
 * The reminders texts in Japanese, the original the English table is checked against (texts.en.ts):
 * card template sections read as `${t.<section>.<key>}`, and `msg`, the texts code fills in.
 */
export const ja = {
  screenLock: {
    title: '🔒 画面をロックしましたか？',
    presenceText: 'Teams の状態が「退席中」になりました。PC から離れるときは、一人のときでも必ず画面をロックしてください（Windows: Win + L）。',
    scheduledText: '{time} のリマインダーです。PC から離れるときは、一人のときでも必ず画面をロックしてください（Windows: Win + L）。',
    rule: 'セキュリティーガイドライン G 3',
    locked: 'ロックしました ✓',
    atPc: 'PC の前にいます',
    laterOff: '{times} のリマインダーを今後送らない',
    laterOn: '{times} のリマインダーを再開する',
  },
  vpnReminder: {
    title: '🔌 VPN / リモートデスクトップを切断してください',
    answerText: '終業報告で VPN / リモートデスクトップの切断が確認できませんでした。業務が終わったら速やかに接続を終了し、ログオフしてください。',
    signalText: '終業後も VPN ゲートウェイにあなたの接続が残っています。業務が終わったら速やかに接続を終了し、ログオフしてください。',
    rule: 'セキュリティーガイドライン G 3',
    disconnected: '切断しました ✓',
  },
  /** Reminder texts outside the card templates: notification previews, confirmations and notes. Every key exists in both languages; `{time}` is a local time, `{times}` the later nudge times. */
  msg: {
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
  },
};
