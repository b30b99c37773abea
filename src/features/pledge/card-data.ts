/** Data of the pledge card; display strings are localized by views.ts, the renderer adds `t`. */
export const PLEDGE_CARD_NAMES = ['pledge'] as const;
export type PledgeCardName = (typeof PLEDGE_CARD_NAMES)[number];

export interface PledgeCardData {
  /** The guideline version, sent back with the accept action. */
  version: string;
  /** Localized "Guideline version: …". */
  versionLabel: string;
  /** The guideline's rules in the person's language. */
  rules: { rule: string; text: string }[];
  /** Once accepted: the read-only confirmation line; the card then has no button. */
  confirmation?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface PledgeCardDataMap extends Record<PledgeCardName, object> {
  pledge: PledgeCardData;
}
