import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { fill, formatDateTime } from '../../cards/format';
import { PLEDGE_RULES } from '../../domain/policy/pledge';
import type { User } from '../../domain/people/user';
import type { PledgeCardDataMap } from './card-data';
import { PLEDGE_TEXTS } from './texts';

/**
 * Renders cards/pledge.json with the pledge strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderPledgeCard = cardRenderer<PledgeCardDataMap>(PLEDGE_TEXTS);

const text = (user: User) => PLEDGE_TEXTS[user.locale].pledge;

/** The pledge card of a guideline version: the rules and the accept button, or the confirmation once accepted. */
export function pledgeCardView(user: User, version: string, acceptedAt?: Date): AdaptiveCardJson {
  return renderPledgeCard(
    'pledge',
    {
      version,
      versionLabel: fill(text(user).versionLabel, { version }),
      rules: PLEDGE_RULES.map((r) => ({ rule: r.ref, text: r.text[user.locale] })),
      confirmation: acceptedAt ? fill(text(user).accepted, { version, time: formatDateTime(acceptedAt, user.locale, user.timeZone) }) : undefined,
    },
    user.locale,
  );
}

/** Accepting a pledge of an earlier guideline version: the new one must be accepted. */
export function outdatedView(user: User, version: string): AdaptiveCardJson {
  return renderCommonCard('notice', { title: text(user).outdatedTitle, text: fill(text(user).outdatedText, { version }) }, user.locale);
}

/** `誓約書` when pledges are off (PLEDGE_REQUIRED=false). */
export function notRequiredView(user: User): AdaptiveCardJson {
  return renderCommonCard('notice', { title: text(user).notRequiredTitle, text: text(user).notRequiredText }, user.locale);
}

/** The proactive message: the card and the text Teams shows in the notification. */
export function pledgeActivity(user: User, card: AdaptiveCardJson): Record<string, unknown> {
  return cardMessage(card, text(user).notify);
}
