import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import { endAnswersSchema, startAnswersSchema } from '../../domain/checkins/model';
import { errorCard, UnknownActionError } from '../errors';
import { turnInfo, type TurnInfo } from '../turn';
import type { TeamsDeps } from '../deps';

const dateField = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const dayOffData = dateField.extend({ reason: z.enum(['not_working', 'office']) });

type ActionHandler = (info: TurnInfo, data: unknown) => Promise<AdaptiveCardJson>;

/**
 * Action.Execute handlers: parse (zod) → use case → card. The returned card replaces the one the
 * user answered. Any failure becomes a localized error card; nothing is stored on bad input.
 */
export function registerCheckinActions(app: Application<TurnState>, deps: TeamsDeps): void {
  const c = deps.checkins;
  const handlers: Record<string, ActionHandler> = {
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

  const run = async (context: TurnContext, data: unknown) => {
    const info = turnInfo(context);
    const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const handler = handlers[verb];
    info.log.info({ verb }, 'card action');
    try {
      if (!handler) throw new UnknownActionError(verb);
      return await handler(info, data);
    } catch (err) {
      return errorCard(err, info.locale, info.correlationId, info.log);
    }
  };

  // A catch-all selector: unknown verbs get an error card instead of a silent 501.
  app.adaptiveCards.actionExecute(/.*/, (context, _state, data: unknown) => run(context, data));
}
