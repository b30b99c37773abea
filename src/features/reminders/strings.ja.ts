/** The Japanese reminder card text; strings.ts checks it against `ReminderStrings` (no import back, so no cycle). */
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
};
