import { z } from 'zod';
import type { ActionHandlers } from '../../cards/actions';
import { VERBS, type GapcheckVerb } from '../../cards/verbs';
import { isLocalDate } from '../../domain/calendar';
import type { ActionListener } from '../feature';
import { answerGap } from './answers';
import type { GapContext } from './context';
import { recordCardInteraction } from './record';
import { GAP_REASONS } from './repository';

const reasonData = z.object({
  date: z.string().max(10).refine(isLocalDate, 'YYYY-MM-DD'),
  reason: z.enum(GAP_REASONS),
  note: z
    .string()
    .max(500)
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined)),
});

/** The reason card's answer. */
export function gapcheckActions(ctx: GapContext) {
  return {
    [VERBS.gapReason]: (caller, data) => {
      const { date, reason, note } = reasonData.parse(data);
      return answerGap(ctx, caller.user, date, reason, note);
    },
  } satisfies ActionHandlers<GapcheckVerb>;
}

/**
 * Card interactions are objective activity. The check-in answers are the self-report itself (often
 * given later from a phone), and the reason card answers this check: neither counts.
 */
const counts = (verb: string): boolean => !verb.startsWith('checkin.') && !verb.startsWith('gapcheck.');

/** After every successful card action: one upsert of the person's activity (errors only logged). */
export function recordAfterAction(ctx: GapContext): ActionListener {
  return async (caller, verb) => {
    if (counts(verb)) await recordCardInteraction(ctx, caller.user);
  };
}
