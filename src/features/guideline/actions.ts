import { z } from 'zod';
import type { ActionHandlers } from '../../cards/actions';
import { VERBS, type GuidelineVerb } from '../../cards/verbs';
import { MAX_QUESTION_CHARS } from '../../domain/guideline/tokenize';
import type { GuidelineService } from './service';

const feedbackData = z.object({
  answerId: z.string().uuid(),
  question: z.string().min(1).max(MAX_QUESTION_CHARS),
  helpful: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

/** 👍/👎 under an answer: the card keeps the answer and thanks instead of the buttons. */
export function guidelineActions(service: GuidelineService) {
  return {
    [VERBS.guidelineFeedback]: (caller, data) => service.feedback(caller.user, feedbackData.parse(data)),
  } satisfies ActionHandlers<GuidelineVerb>;
}
