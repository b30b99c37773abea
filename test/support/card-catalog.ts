/**
 * Every card of the app in one place, for the card tests: the core cards and each feature's, with
 * their strings merged per language. The app itself never merges them: each feature renders its own
 * cards with `cardRenderer`, and `renderCard` here hands each name to the renderer that owns it.
 */
import { renderCommonCard, type AdaptiveCardJson, type CardRenderer } from '../../src/cards/render';
import { COMMON_STRINGS, type CommonStrings } from '../../src/cards/strings';
import { COMMON_CARD_NAMES, type CommonCardData } from '../../src/cards/types';
import type { Locale } from '../../src/domain/shared/locale';
import { CHECKIN_CARD_NAMES, type CheckinCardData } from '../../src/features/checkins/card-data';
import { CHECKIN_STRINGS, type CheckinStrings } from '../../src/features/checkins/strings';
import { renderCheckinCard } from '../../src/features/checkins/views';
import { ROUND_CARD_NAMES, type RoundCardData } from '../../src/features/rounds/card-data';
import { ROUND_STRINGS, type RoundStrings } from '../../src/features/rounds/strings';
import { renderRoundCard } from '../../src/features/rounds/views';

export const CARD_NAMES = [...COMMON_CARD_NAMES, ...CHECKIN_CARD_NAMES, ...ROUND_CARD_NAMES] as const;
export type CardName = (typeof CARD_NAMES)[number];

export interface CardData extends CommonCardData, CheckinCardData, RoundCardData {}

export type CardStrings = CommonStrings & CheckinStrings & RoundStrings;

const merged = (locale: Locale): CardStrings => ({ ...COMMON_STRINGS[locale], ...CHECKIN_STRINGS[locale], ...ROUND_STRINGS[locale] });
export const CARD_STRINGS: Readonly<Record<Locale, CardStrings>> = { ja: merged('ja'), en: merged('en') };

/** Each feature's renderer takes only its own names; this map hands every name to its owner. */
const renderers: ReadonlyMap<string, CardRenderer<CardData>> = new Map([
  ...COMMON_CARD_NAMES.map((name) => [name, renderCommonCard as CardRenderer<CardData>] as const),
  ...CHECKIN_CARD_NAMES.map((name) => [name, renderCheckinCard as CardRenderer<CardData>] as const),
  ...ROUND_CARD_NAMES.map((name) => [name, renderRoundCard as CardRenderer<CardData>] as const),
]);

/** The card as the app renders it: through the renderer of the feature that owns the name. */
export function renderCard<K extends CardName>(name: K, data: CardData[K], locale: Locale): AdaptiveCardJson {
  const render = renderers.get(name);
  if (!render) throw new Error(`no renderer for card ${name}`);
  return render(name, data, locale);
}
