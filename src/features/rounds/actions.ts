import { z } from 'zod';
import { VERBS } from '../../cards/verbs';
import { phoneResultSchema, roundFormSchema, safetyAnswerSchema } from '../../domain/safety/model';
import type { TeamsDeps } from '../../teams/deps';
import type { ActionHandler } from '../../teams/routes/actions';

const roundRef = z.object({ roundId: z.string().uuid() });

/** Safety-round card actions: recipients answer, managers record phone calls, admins run rounds. */
export function safetyHandlers(deps: TeamsDeps): Record<string, ActionHandler> {
  const r = deps.rounds;
  return {
    [VERBS.safetyAnswer]: (i, d) => r.answer(i.user, safetyAnswerSchema.parse(d)),
    [VERBS.safetyEdit]: (i, d) => r.checkCard(i.user, roundRef.parse(d).roundId),
    [VERBS.safetyPhone]: (i, d) => r.phone(i.user, phoneResultSchema.parse(d)),
    [VERBS.roundPreview]: (i, d) => r.preview(i.user, roundFormSchema.parse(d)),
    [VERBS.roundStart]: (i, d, context) =>
      r.startFromAdmin(i.user, roundFormSchema.parse(d), context.activity.replyToId ? { conversationId: context.activity.conversation.id, activityId: context.activity.replyToId } : undefined),
    [VERBS.roundRefresh]: (i, d) => r.tallyFor(i.user, roundRef.parse(d).roundId),
    [VERBS.roundClose]: (i, d) => r.close(i.user, roundRef.parse(d).roundId),
  };
}
