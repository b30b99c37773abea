import type { TextsOf } from '../../cards/texts';
import type { ja } from './texts.ja';

/** The guideline texts in English: the same sections and keys as the Japanese table. */
export const en: TextsOf<typeof ja> = {
  guideline: {
    answerTitle: 'What the guideline says',
    notFoundTitle: 'Not found in the guideline',
    notFoundText: 'The telework security guideline has nothing that fits your question well enough, and I do not guess. These are its sections. If you are unsure, ask your manager or the administration department.',
    sectionsHeading: 'Sections of the guideline',
    quoteNote: 'Quoted word for word from the guideline (Japanese original).',
    englishLabel: 'In English (rule table translation)',
    helpful: '👍 Helpful',
    unhelpful: '👎 Not helpful',
    thanks: 'Thank you for your feedback.',
    thanksUnhelpful: 'Thank you for your feedback. Your question goes to the admins without your name, to improve the guideline.',
    digestTitle: 'Questions to the guideline (weekly)',
    digestIntro: 'Questions from {from} to {to} that the guideline did not answer, or whose answer was marked not helpful (askers are not recorded).',
    digestCounts: 'Answered {answered} · not found {unanswered} · 👍 {helpful} · 👎 {unhelpful}',
    digestUnanswered: 'Not found',
    digestUnhelpful: 'Not helpful',
    digestNone: 'No such questions.',
    digestMore: '{count} more (kept {days} days)',
  },
  msg: {
    digestSummary: 'Questions to the guideline (weekly)',
  },
};
