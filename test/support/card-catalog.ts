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
import { CHECKIN_TEXTS } from '../../src/features/checkins/texts';
import { renderCheckinCard } from '../../src/features/checkins/views';
import { ROUND_CARD_NAMES, type RoundCardData } from '../../src/features/rounds/card-data';
import { ROUND_TEXTS } from '../../src/features/rounds/texts';
import { renderRoundCard } from '../../src/features/rounds/views';
import { REMINDER_CARD_NAMES, type ReminderCardData } from '../../src/features/reminders/card-data';
import { REMINDER_TEXTS } from '../../src/features/reminders/texts';
import { renderReminderCard } from '../../src/features/reminders/views';
import { DIGEST_CARD_NAMES, type DigestCardData } from '../../src/features/digests/card-data';
import { DIGEST_TEXTS } from '../../src/features/digests/texts';
import { renderDigestCard } from '../../src/features/digests/views';
import { GAPCHECK_CARD_NAMES, type GapcheckCardData } from '../../src/features/gapcheck/card-data';
import { GAPCHECK_TEXTS } from '../../src/features/gapcheck/texts';
import { renderGapcheckCard } from '../../src/features/gapcheck/views';
import { DEVICE_CARD_NAMES, type DeviceCardData } from '../../src/features/devices/card-data';
import { DEVICE_TEXTS } from '../../src/features/devices/texts';
import { renderDeviceCard } from '../../src/features/devices/views';
import { PLEDGE_CARD_NAMES, type PledgeCardDataMap } from '../../src/features/pledge/card-data';
import { PLEDGE_TEXTS } from '../../src/features/pledge/texts';
import { renderPledgeCard } from '../../src/features/pledge/views';
import { HOME_NETWORK_CARD_NAMES, type HomeNetworkCardDataMap } from '../../src/features/home-network/card-data';
import { HOME_NETWORK_TEXTS } from '../../src/features/home-network/texts';
import { renderHomeNetworkCard } from '../../src/features/home-network/views';
import { APPROVAL_CARD_NAMES, type ApprovalCardData } from '../../src/features/approvals/card-data';
import { APPROVAL_TEXTS } from '../../src/features/approvals/texts';
import { renderApprovalCard } from '../../src/features/approvals/views';
import { GUIDELINE_CARD_NAMES, type GuidelineCardDataMap } from '../../src/features/guideline/card-data';
import { GUIDELINE_TEXTS } from '../../src/features/guideline/texts';
import { renderGuidelineCard } from '../../src/features/guideline/views';

export const CARD_NAMES = [...COMMON_CARD_NAMES, ...CHECKIN_CARD_NAMES, ...ROUND_CARD_NAMES, ...REMINDER_CARD_NAMES, ...DIGEST_CARD_NAMES, ...GAPCHECK_CARD_NAMES, ...DEVICE_CARD_NAMES, ...PLEDGE_CARD_NAMES, ...HOME_NETWORK_CARD_NAMES, ...APPROVAL_CARD_NAMES, ...GUIDELINE_CARD_NAMES] as const;
export type CardName = (typeof CARD_NAMES)[number];

export interface CardData extends CommonCardData, CheckinCardData, RoundCardData, ReminderCardData, DigestCardData, GapcheckCardData, DeviceCardData, PledgeCardDataMap, HomeNetworkCardDataMap, ApprovalCardData, GuidelineCardDataMap {}

/** What a feature catalog gives templates: every section but `msg`. */
type Sections<C extends Readonly<Record<Locale, object>>> = Omit<C['ja'], 'msg'>;

export type CardStrings = CommonStrings & Sections<typeof CHECKIN_TEXTS> & Sections<typeof ROUND_TEXTS> & Sections<typeof REMINDER_TEXTS> & Sections<typeof DIGEST_TEXTS> & Sections<typeof GAPCHECK_TEXTS> & Sections<typeof DEVICE_TEXTS> & Sections<typeof PLEDGE_TEXTS> & Sections<typeof HOME_NETWORK_TEXTS> & Sections<typeof APPROVAL_TEXTS> & Sections<typeof GUIDELINE_TEXTS>;

/** A feature catalog's card sections: its `msg` texts are for code, not templates (cardRenderer leaves them out too). */
const cardPart = <T extends object>(texts: T): Omit<T, 'msg'> => Object.fromEntries(Object.entries(texts).filter(([section]) => section !== 'msg')) as Omit<T, 'msg'>;

const merged = (locale: Locale): CardStrings => ({ ...COMMON_STRINGS[locale], ...cardPart(CHECKIN_TEXTS[locale]), ...cardPart(ROUND_TEXTS[locale]), ...cardPart(REMINDER_TEXTS[locale]), ...cardPart(DIGEST_TEXTS[locale]), ...cardPart(GAPCHECK_TEXTS[locale]), ...cardPart(DEVICE_TEXTS[locale]), ...cardPart(PLEDGE_TEXTS[locale]), ...cardPart(HOME_NETWORK_TEXTS[locale]), ...cardPart(APPROVAL_TEXTS[locale]), ...cardPart(GUIDELINE_TEXTS[locale]) });
export const CARD_STRINGS: Readonly<Record<Locale, CardStrings>> = { ja: merged('ja'), en: merged('en') };

/** Each feature's renderer takes only its own names; this map hands every name to its owner. */
const renderers: ReadonlyMap<string, CardRenderer<CardData>> = new Map([
  ...COMMON_CARD_NAMES.map((name) => [name, renderCommonCard as CardRenderer<CardData>] as const),
  ...CHECKIN_CARD_NAMES.map((name) => [name, renderCheckinCard as CardRenderer<CardData>] as const),
  ...ROUND_CARD_NAMES.map((name) => [name, renderRoundCard as CardRenderer<CardData>] as const),
  ...REMINDER_CARD_NAMES.map((name) => [name, renderReminderCard as CardRenderer<CardData>] as const),
  ...DIGEST_CARD_NAMES.map((name) => [name, renderDigestCard as CardRenderer<CardData>] as const),
  ...GAPCHECK_CARD_NAMES.map((name) => [name, renderGapcheckCard as CardRenderer<CardData>] as const),
  ...DEVICE_CARD_NAMES.map((name) => [name, renderDeviceCard as CardRenderer<CardData>] as const),
  ...PLEDGE_CARD_NAMES.map((name) => [name, renderPledgeCard as CardRenderer<CardData>] as const),
  ...HOME_NETWORK_CARD_NAMES.map((name) => [name, renderHomeNetworkCard as CardRenderer<CardData>] as const),
  ...APPROVAL_CARD_NAMES.map((name) => [name, renderApprovalCard as CardRenderer<CardData>] as const),
  ...GUIDELINE_CARD_NAMES.map((name) => [name, renderGuidelineCard as CardRenderer<CardData>] as const),
]);

/** Each name's feature catalog (the core cards have none). */
const featureTexts: ReadonlyMap<string, Readonly<Record<Locale, object>>> = new Map<string, Readonly<Record<Locale, object>>>([
  ...CHECKIN_CARD_NAMES.map((name) => [name, CHECKIN_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...ROUND_CARD_NAMES.map((name) => [name, ROUND_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...REMINDER_CARD_NAMES.map((name) => [name, REMINDER_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...DIGEST_CARD_NAMES.map((name) => [name, DIGEST_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...GAPCHECK_CARD_NAMES.map((name) => [name, GAPCHECK_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...DEVICE_CARD_NAMES.map((name) => [name, DEVICE_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...PLEDGE_CARD_NAMES.map((name) => [name, PLEDGE_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...HOME_NETWORK_CARD_NAMES.map((name) => [name, HOME_NETWORK_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...APPROVAL_CARD_NAMES.map((name) => [name, APPROVAL_TEXTS as Readonly<Record<Locale, object>>] as const),
  ...GUIDELINE_CARD_NAMES.map((name) => [name, GUIDELINE_TEXTS as Readonly<Record<Locale, object>>] as const),
]);

/** The UI strings a card's template reads as `t`: the common ones and its feature's (as cardRenderer builds them). */
export function templateStrings(name: CardName, locale: Locale): object {
  const texts = featureTexts.get(name);
  return { ...COMMON_STRINGS[locale], ...(texts ? cardPart(texts[locale]) : {}) };
}

/** The card as the app renders it: through the renderer of the feature that owns the name. */
export function renderCard<K extends CardName>(name: K, data: CardData[K], locale: Locale): AdaptiveCardJson {
  const render = renderers.get(name);
  if (!render) throw new Error(`no renderer for card ${name}`);
  return render(name, data, locale);
}
