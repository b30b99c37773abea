/** The Japanese common card text; strings.ts checks it against `CommonStrings` (no import back, so no cycle). */
export const ja = {
  common: { yes: 'はい', no: 'いいえ', none: '—' },
  duration: { hoursMinutes: '{h}時間{m}分', hoursOnly: '{h}時間', minutesOnly: '{m}分' },
  calendar: {
    long: '{y}年{m}月{d}日（{wd}）',
    short: '{m}/{d}（{wd}）',
    weekdays: ['日', '月', '火', '水', '木', '金', '土'] as const,
    months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'] as const,
  },
  error: { title: 'エラーが発生しました', ref: '参照番号' },
  welcome: {
    title: 'Anshin（安心）へようこそ',
    greeting: '{name}さん、こんにちは。',
    intro: 'テレワークの出勤・退勤チェックインと、セキュリティルールの確認をお手伝いします。',
    commandsHeading: '使えるコマンド',
    commandsHint: '左の言葉を入力して送信してください。',
    missedHeading: '見逃したカードをもう一度表示',
    btnPledge: '📝 誓約書',
    btnPending: '✅ 承認待ち',
    btnIncidents: '🚨 インシデント',
    btnMySafety: '🆘 自分の安否確認',
    btnLostDevice: '📱 紛失・盗難を報告',
    btnPrivatePc: '💻 私用PC利用申請',
    btnPaper: '📄 紙資料の持ち出し申請',
    askTitle: '質問する',
    askText: 'コマンド以外のメッセージは質問として受け取り、テレワークのセキュリティーガイドラインの該当箇所を原文のまま引用してお答えします（例：「カフェで仕事してもいい？」）。',
  },
};
