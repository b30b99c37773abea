import { fitCount } from '../../cards/fit';
import { fill } from '../../cards/format';
import { cardRenderer, type AdaptiveCardJson } from '../../cards/render';
import type { GuidelineAnswer } from '../../domain/guideline/answer';
import type { Guideline } from '../../domain/guideline/parse';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import type { GuidelineCardDataMap, GuidelineDigestData } from './card-data';
import { GUIDELINE_TEXTS } from './texts';

/**
 * Renders the guideline cards with their strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderGuidelineCard = cardRenderer<GuidelineCardDataMap>(GUIDELINE_TEXTS);

/**
 * The answer: each passage numbered, with its rule reference and heading, in the guideline's own
 * words; English readers also get the rule table's English where the passage is one of its rules.
 * Not found: says so and lists the sections. After a vote the buttons give way to a thank-you.
 */
export function answerCardView(
  user: User,
  guideline: Guideline,
  answer: GuidelineAnswer,
  feedback: { answerId: string; question: string },
  voted?: 'thanks' | 'thanksUnhelpful',
): AdaptiveCardJson {
  const quotes = answer.found
    ? answer.quotes.map((quote, index) => ({
        marker: `[${index + 1}]`,
        citation: quote.passage.citation,
        lines: quote.passage.text.split('\n'),
        english: user.locale === 'en' ? [...quote.english] : [],
      }))
    : [];
  return renderGuidelineCard(
    'guideline-answer',
    {
      found: answer.found,
      quotes,
      sections: answer.found ? [] : guideline.sections.map((section) => ({ citation: section.citation })),
      feedback,
      ...(voted ? { thanks: GUIDELINE_TEXTS[user.locale].guideline[voted] } : {}),
    },
    user.locale,
  );
}

/**
 * The admins' weekly digest: the newest questions that fit one Teams message (a question may be
 * 400 characters); how many of `total` were left off is said, with how long they are kept.
 */
export function digestCardView(locale: Locale, data: Omit<GuidelineDigestData, 'more'>, listed: { total: number; retentionDays: number }): AdaptiveCardJson {
  const { digestMore } = GUIDELINE_TEXTS[locale].guideline;
  return fitCount(data.questions.length, (count) => {
    const more = Math.max(listed.total, data.questions.length) - count;
    const questions = data.questions.slice(0, count);
    return renderGuidelineCard('guideline-digest', { ...data, questions, ...(more > 0 ? { more: fill(digestMore, { count: more, days: listed.retentionDays }) } : {}) }, locale);
  });
}
