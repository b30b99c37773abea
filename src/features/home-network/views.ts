import { cardRenderer, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { fill, formatDateTime } from '../../cards/format';
import { HOME_NETWORK_CHECKS, HOME_NETWORK_RULES } from '../../domain/policy/home-network';
import type { User } from '../../domain/people/user';
import type { HomeNetworkCardDataMap } from './card-data';
import type { HomeNetworkRecord } from './repository';
import { HOME_NETWORK_TEXTS } from './texts';

/**
 * Renders cards/home-network.json with its strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderHomeNetworkCard = cardRenderer<HomeNetworkCardDataMap>(HOME_NETWORK_TEXTS);

const text = (user: User) => HOME_NETWORK_TEXTS[user.locale].homeNetwork;

/** The month's self-check: the questions (prefilled once answered) and each failure with the guideline rule. */
export function homeNetworkCardView(user: User, timeZone: string, month: string, record?: HomeNetworkRecord): AdaptiveCardJson {
  const answers = record?.answers;
  const [year, mm] = month.split('-');
  return renderHomeNetworkCard(
    'home-network',
    {
      month,
      monthLabel: fill(text(user).monthLabel, { year: year ?? '', month: user.locale === 'ja' ? String(Number(mm)) : (mm ?? '') }),
      answered: !!answers,
      prefill: answers ? Object.fromEntries(HOME_NETWORK_CHECKS.map((c) => [c, answers[c] ? 'true' : 'false'])) : undefined,
      failures: answers ? record.failures.map((c) => ({ rule: HOME_NETWORK_RULES[c].ref, text: HOME_NETWORK_RULES[c].text[user.locale] })) : [],
      answeredLabel: record?.answeredAt ? fill(text(user).answeredAt, { time: formatDateTime(record.answeredAt, user.locale, timeZone) }) : undefined,
    },
    user.locale,
  );
}

/** The proactive message: the card and the text Teams shows in the notification. */
export function homeNetworkActivity(user: User, card: AdaptiveCardJson): Record<string, unknown> {
  return cardMessage(card, text(user).notify);
}
