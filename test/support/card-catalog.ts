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

type Catalog = Readonly<Record<Locale, object>>;

/**
 * Every feature's cards once: their names, the renderer that owns them and the catalog their templates
 * read (the core cards have none). The renderer map, the per-card strings and CARD_STRINGS all come from it,
 * so a new feature is one line here.
 */
const FEATURES: readonly { names: readonly string[]; render: CardRenderer<CardData>; texts?: Catalog }[] = [
  { names: COMMON_CARD_NAMES, render: renderCommonCard as CardRenderer<CardData> },
  { names: CHECKIN_CARD_NAMES, render: renderCheckinCard as CardRenderer<CardData>, texts: CHECKIN_TEXTS },
  { names: ROUND_CARD_NAMES, render: renderRoundCard as CardRenderer<CardData>, texts: ROUND_TEXTS },
  { names: REMINDER_CARD_NAMES, render: renderReminderCard as CardRenderer<CardData>, texts: REMINDER_TEXTS },
  { names: DIGEST_CARD_NAMES, render: renderDigestCard as CardRenderer<CardData>, texts: DIGEST_TEXTS },
  { names: GAPCHECK_CARD_NAMES, render: renderGapcheckCard as CardRenderer<CardData>, texts: GAPCHECK_TEXTS },
  { names: DEVICE_CARD_NAMES, render: renderDeviceCard as CardRenderer<CardData>, texts: DEVICE_TEXTS },
  { names: PLEDGE_CARD_NAMES, render: renderPledgeCard as CardRenderer<CardData>, texts: PLEDGE_TEXTS },
  { names: HOME_NETWORK_CARD_NAMES, render: renderHomeNetworkCard as CardRenderer<CardData>, texts: HOME_NETWORK_TEXTS },
  { names: APPROVAL_CARD_NAMES, render: renderApprovalCard as CardRenderer<CardData>, texts: APPROVAL_TEXTS },
  { names: GUIDELINE_CARD_NAMES, render: renderGuidelineCard as CardRenderer<CardData>, texts: GUIDELINE_TEXTS },
];

// The union of every catalog's card sections is CardStrings by construction (the type lists the same catalogs).
const merged = (locale: Locale): CardStrings =>
  Object.assign({}, COMMON_STRINGS[locale], ...FEATURES.flatMap((f) => (f.texts ? [cardPart(f.texts[locale])] : []))) as CardStrings;
export const CARD_STRINGS: Readonly<Record<Locale, CardStrings>> = { ja: merged('ja'), en: merged('en') };

/** Each feature's renderer takes only its own names; this map hands every name to its owner. */
const renderers: ReadonlyMap<string, CardRenderer<CardData>> = new Map(FEATURES.flatMap((f) => f.names.map((name) => [name, f.render] as const)));

/** Each name's feature catalog (the core cards have none). */
const featureTexts: ReadonlyMap<string, Catalog> = new Map(FEATURES.flatMap((f) => (f.texts ? f.names.map((name) => [name, f.texts as Catalog] as const) : [])));

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
