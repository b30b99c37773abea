/**
 * Texts of the guideline answers and the admins' weekly digest (`${t.guideline.…}` in templates);
 * `msg` holds the texts code fills in.
 */
export const ja = {
  guideline: {
    answerTitle: 'ガイドラインの該当箇所',
    notFoundTitle: 'ガイドラインには見つかりませんでした',
    notFoundText: 'ご質問に十分に当てはまる記載が、テレワークのセキュリティーガイドラインに見つかりませんでした。推測ではお答えしません。ガイドラインの章は次のとおりです。わからない場合は上長または管理部門に確認してください。',
    sectionsHeading: 'ガイドラインの章',
    quoteNote: 'ガイドラインの原文をそのまま引用しています。',
    englishLabel: '英語（規則表の訳）',
    helpful: '👍 役に立った',
    unhelpful: '👎 役に立たなかった',
    thanks: 'フィードバックありがとうございました。',
    thanksUnhelpful: 'フィードバックありがとうございました。ご質問は氏名なしで管理者に伝え、ガイドラインの改善に使います。',
    digestTitle: 'ガイドラインへの質問（週次）',
    digestIntro: '{from}〜{to} に、ガイドラインで答えられなかった質問と「役に立たなかった」回答の質問です（質問者の名前は記録していません）。',
    digestCounts: '回答 {answered} 件 ・ 見つからず {unanswered} 件 ・ 👍 {helpful} ・ 👎 {unhelpful}',
    digestUnanswered: '見つからなかった',
    digestUnhelpful: '役に立たなかった',
    digestNone: '該当する質問はありませんでした。',
    digestMore: 'ほか {count} 件（保存期間 {days} 日）',
  },
  msg: {
    digestSummary: 'ガイドラインへの質問（週次）',
  },
};
