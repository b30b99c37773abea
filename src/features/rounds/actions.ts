import { z } from 'zod';
import { proxyAnswerSchema } from './proxy';
import type { ActionHandlers, CommandHandler } from '../../cards/actions';
import { VERBS, type RoundVerb } from '../../cards/verbs';
import { phoneResultSchema, roundFormSchema, safetyAnswerSchema } from '../../domain/safety/model';
import type { RoundService } from './service';

const roundRef = z.object({ roundId: z.string().uuid() });

/** Safety-round card actions: recipients answer, managers record phone calls, admins run rounds. */
export function roundActions(rounds: RoundService) {
  return {
    [VERBS.safetyAnswer]: (caller, data) => rounds.answer(caller.user, safetyAnswerSchema.parse(data)),
    [VERBS.safetyEdit]: (caller, data) => rounds.checkCard(caller.user, roundRef.parse(data).roundId),
    [VERBS.safetyPhone]: (caller, data) => rounds.phone(caller.user, phoneResultSchema.parse(data)),
    // A manager or admin records the answer of a person they reached (phone, in person); the list comes back.
    [VERBS.safetyProxy]: (caller, data) => rounds.proxyAnswer(caller.user, proxyAnswerSchema.parse(data)),
    [VERBS.roundPreview]: (caller, data) => rounds.preview(caller.user, roundFormSchema.parse(data)),
    // The clicked form becomes the live tally: the round keeps updating that message.
    [VERBS.roundStart]: (caller, data) => {
      const { conversationId, cardActivityId } = caller;
      const card = conversationId && cardActivityId ? { conversationId, activityId: cardActivityId } : undefined;
      return rounds.startFromAdmin(caller.user, roundFormSchema.parse(data), card);
    },
    [VERBS.roundRefresh]: (caller, data) => rounds.tallyFor(caller.user, roundRef.parse(data).roundId),
    [VERBS.roundClose]: (caller, data) => rounds.confirmClose(caller.user, roundRef.parse(data).roundId),
    [VERBS.roundCloseConfirmed]: (caller, data) => rounds.close(caller.user, roundRef.parse(data).roundId),
    [VERBS.roundBack]: (caller, data) => rounds.formCard(caller.user, roundFormSchema.parse(data)),
    [VERBS.roundDiscard]: async (caller) => rounds.discard(caller.user),
  } satisfies ActionHandlers<RoundVerb>;
}

/** The admin's "safety round" command: the form to start one. */
export function roundCommands(rounds: RoundService) {
  return {
    safety: (caller) => rounds.formCard(caller.user),
    mySafety: (caller) => rounds.mySafety(caller.user),
  } satisfies Record<string, CommandHandler>;
}
