import { z } from 'zod';
import type { ActionHandlers, CommandHandler } from '../../cards/actions';
import { VERBS, type CheckinVerb } from '../../cards/verbs';
import { isLocalDate } from '../../domain/calendar/local-date';
import { InvalidWorkDateError } from '../../domain/checkins/errors';
import { endAnswersSchema, startAnswersSchema } from '../../domain/checkins/model';
import type { CheckinService } from './service';

/**
 * The card's work date. A well-formed but impossible day (2026-02-30) is the invalid-date error,
 * like a day out of range: nothing downstream may meet it (the calendar code throws RangeError).
 */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const dateField = z.object({
  date: z
    .string()
    .regex(DATE_SHAPE)
    .superRefine((date) => {
      if (DATE_SHAPE.test(date) && !isLocalDate(date)) throw new InvalidWorkDateError(date);
    }),
});
const dayOffData = dateField.extend({ reason: z.enum(['not_working', 'office']) });

/** The daily check-in card actions. */
export function checkinActions(checkins: CheckinService) {
  return {
    [VERBS.startSubmit]: (caller, data) => {
      const { date } = dateField.parse(data);
      return checkins.submitStart(caller.user, date, startAnswersSchema.parse(data));
    },
    [VERBS.endSubmit]: (caller, data) => {
      const { date } = dateField.parse(data);
      return checkins.submitEnd(caller.user, date, endAnswersSchema.parse(data));
    },
    [VERBS.startEdit]: (caller, data) => checkins.editStart(caller.user, dateField.parse(data).date),
    [VERBS.endEdit]: (caller, data) => checkins.editEnd(caller.user, dateField.parse(data).date),
    [VERBS.dayOff]: (caller, data) => {
      const { date, reason } = dayOffData.parse(data);
      return checkins.dayStatus(caller.user, date, reason === 'office' ? 'office' : 'day_off');
    },
  } satisfies ActionHandlers<CheckinVerb>;
}

/** The check-in text commands: today's start or end card, and the week so far. */
export function checkinCommands(checkins: CheckinService) {
  return {
    start: (caller) => checkins.startCommand(caller.user),
    end: (caller) => checkins.endCard(caller.user),
    week: (caller) => checkins.myWeek(caller.user),
  } satisfies Record<string, CommandHandler>;
}
