import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { ActionHandler, ActionHandlers } from '../../cards/actions';
import type { Verb } from '../../cards/verbs';
import { UnknownActionError, type ErrorCardFor } from '../errors';
import { actionCaller, turnInfo } from '../turn';

/**
 * One catch-all Action.Execute route dispatching by verb: unknown verbs get a localized error card
 * instead of a silent 501, and every failure becomes an error card; nothing is stored on bad input.
 */
export function registerActions(app: Application<TurnState>, handlers: ActionHandlers<Verb>, errorCard: ErrorCardFor): void {
  const handlerOf = (verb: string): ActionHandler | undefined => (Object.hasOwn(handlers, verb) ? handlers[verb as Verb] : undefined);
  app.adaptiveCards.actionExecute(/.*/, async (context: TurnContext, _state, data: unknown) => {
    const info = turnInfo(context);
    const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const handler = handlerOf(verb);
    info.log.info({ verb }, 'card action');
    try {
      if (!handler) throw new UnknownActionError(verb);
      return await handler(actionCaller(context, info), data);
    } catch (err) {
      return errorCard(err, info);
    }
  });
}
