import type { HomeNetworkCheck } from '../../domain/policy/home-network';
import type { ToggleValue } from '../../cards/types';

/** Data of the home-network card; display strings are localized by views.ts, the renderer adds `t`. */
export const HOME_NETWORK_CARD_NAMES = ['home-network'] as const;
export type HomeNetworkCardName = (typeof HOME_NETWORK_CARD_NAMES)[number];

export interface HomeNetworkCardData {
  /** `YYYY-MM`, sent back with the answers. */
  month: string;
  monthLabel: string;
  answered: boolean;
  /** Previous answers in card form. */
  prefill?: Partial<Record<HomeNetworkCheck, ToggleValue>>;
  /** The failed checks with the guideline rule, after an answer. */
  failures: { rule: string; text: string }[];
  /** e.g. "Answered at 12/1 10:05". */
  answeredLabel?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface HomeNetworkCardDataMap extends Record<HomeNetworkCardName, object> {
  'home-network': HomeNetworkCardData;
}
