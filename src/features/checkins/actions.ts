import { z } from 'zod';
import { VERBS } from '../../cards/verbs';
import { endAnswersSchema, startAnswersSchema } from '../../domain/checkins/model';
import type { TeamsDeps } from '../../teams/deps';
import type { ActionHandler } from '../../teams/routes/actions';

const dateField = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const dayOffData = dateField.extend({ reason: z.enum(['not_working', 'office']) });

/** The daily check-in card actions. */
export function checkinHandlers(deps: TeamsDeps): Record<string, ActionHandler> {
  const c = deps.checkins;
  return {
    [VERBS.startSubmit]: (i, d) => {
      const { date } = dateField.parse(d);
      return c.submitStart(i.user, date, startAnswersSchema.parse(d));
    },
    [VERBS.endSubmit]: (i, d) => {
      const { date } = dateField.parse(d);
      return c.submitEnd(i.user, date, endAnswersSchema.parse(d));
    },
    [VERBS.startEdit]: (i, d) => c.editStart(i.user, dateField.parse(d).date),
    [VERBS.endEdit]: (i, d) => c.editEnd(i.user, dateField.parse(d).date),
    [VERBS.dayOff]: (i, d) => {
      const { date, reason } = dayOffData.parse(d);
      return c.dayStatus(i.user, date, reason === 'office' ? 'office' : 'day_off');
    },
  };
}
