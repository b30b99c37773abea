/** Data of the guideline cards; display strings are localized by views.ts, the renderer adds `t`. */
export const GUIDELINE_CARD_NAMES = ['guideline-answer', 'guideline-digest'] as const;
export type GuidelineCardName = (typeof GUIDELINE_CARD_NAMES)[number];

export interface GuidelineQuoteData {
  /** `[1]`, `[2]`: the quote's number. */
  marker: string;
  /** e.g. `G 3 テレワーク場所（自宅）のネットワーク`. */
  citation: string;
  /** The guideline's words, unchanged, one TextBlock per line (a card's Markdown would run them together). */
  lines: string[];
  /** The rule table's English wording (English readers only; empty otherwise). */
  english: string[];
}

export interface GuidelineAnswerData {
  found: boolean;
  quotes: GuidelineQuoteData[];
  /** Not found: the guideline's sections. */
  sections: { citation: string }[];
  /** Sent back with 👍/👎. */
  feedback: { answerId: string; question: string };
  /** After a vote: the thanks instead of the buttons. */
  thanks?: string;
}

export interface GuidelineDigestData {
  intro: string;
  counts: string;
  questions: { outcome: string; question: string; citation?: string }[];
  more?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface GuidelineCardDataMap extends Record<GuidelineCardName, object> {
  'guideline-answer': GuidelineAnswerData;
  'guideline-digest': GuidelineDigestData;
}
