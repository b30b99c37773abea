/** The Japanese approval card text; strings.ts checks it against `ApprovalStrings` (no import back, so no cycle). */
export const ja = {
  privatePc: {
    title: '💻 私用PC利用申請',
    intro:
      '原則として会社から貸与したＰＣからのみ業務が可能です。貸与ＰＣの故障や緊急事態などで私用ＰＣを業務に使う場合は、上長に申請し、許可を受けてください。',
    browserOnly: '私用PCでは、リモートデスクトップ方式又は、セキュア・インターネットログオン方式によるWEBブラウザでのみ可とし、アプリ導入や仮想ネットワーク方式は不可とする',
    rule: 'セキュリティーガイドライン G 1.3, 3',
    declarationsHeading: '宣言（すべてにチェックが必要です）',
    declNonPublicLine: '公衆等フリーの回線ではないインターネット回線を所有し利用することを宣言します',
    declUpdates: 'セキュリティソフト及び、OSのアップデートを常に有効に設定していることを宣言します',
    declBrowserOnly: 'リモートデスクトップ又はWEBブラウザでのみ利用し、アプリの導入・VPN接続・データの保存は行いません',
    reasonLabel: '申請理由（例: 貸与PCの故障、緊急対応、保守作業）',
    reasonPlaceholder: '理由を入力してください',
    submit: '上長に申請する',
  },
  paper: {
    title: '📄 紙資料の持ち出し申請',
    intro: 'テレワーク勤務における紙資料の持ち出しに関しては原則禁止する。事前に顧客及び上長に持ち出し許可を得た場合に関しては可とするが、持ち出した資料の複製及び第三者の閲覧は禁止する',
    localRule: '※ 部門に定型の持ち出し管理があればそれに従ってください。',
    rule: 'セキュリティーガイドライン G 1.6',
    documentsLabel: '持ち出す資料（名称・部数）',
    customerLabel: '顧客名と、持ち出しに同意した方',
    untilLabel: '持ち出し期限（この日まで）',
    reasonLabel: '理由（任意）',
    consentHeading: '確認（すべてにチェックが必要です）',
    customerConsent: '顧客から持ち出しの許可を得ています',
    noCopies: '持ち出した資料を複製せず、第三者に見せません',
    submit: '上長に申請する',
  },
  approvalDecision: {
    commentLabel: 'コメント（却下する場合は理由を入力してください）',
    approve: '承認する',
    reject: '却下する',
    declarations: '申請者の宣言',
    comments: 'コメント',
  },
};
