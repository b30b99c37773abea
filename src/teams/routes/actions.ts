import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { ActionHandler, ActionHandlers, ActionListener } from '../../cards/actions';
import type { Verb } from '../../cards/verbs';
import { UnknownActionError, type ErrorCardFor } from '../errors';
import { actionCaller, findTurnInfo, turnInfo } from '../turn';

const CARD_ACTION = 'adaptiveCard/action';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * One catch-all Action.Execute route dispatching by verb: unknown verbs get a localized error card
 * instead of a silent 501, and every failure becomes an error card; nothing is stored on bad input.
 */
export function registerActions(app: Application<TurnState>, handlers: ActionHandlers<Verb>, errorCard: ErrorCardFor, listeners: readonly ActionListener[] = []): void {
  const handlerOf = (verb: string): ActionHandler | undefined => (Object.hasOwn(handlers, verb) ? handlers[verb as Verb] : undefined);
  app.adaptiveCards.actionExecute(/.*/, async (context: TurnContext, _state, data: unknown) => {
    const info = turnInfo(context);
    const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const handler = handlerOf(verb);
    info.log.info({ verb: handler ? verb : 'unknown' }, 'card action');
    try {
      if (!handler) throw new UnknownActionError(verb.slice(0, 100));
      const caller = actionCaller(context, info);
      const card = await handler(caller, data);
      // The handler's verb: `handlerOf` found it among the verbs.
      for (const listen of listeners) await listen(caller, verb as Verb);
      return card;
    } catch (err) {
      return errorCard(err, info);
    }
  });
}

/**
 * A card action the route above never saw (no Action.Execute, no string verb): the SDK would answer
 * 501 with an empty body, and the user would see a broken button. Answer with the error card instead.
 */
export async function answerUnhandledCardAction(context: TurnContext, errorCard: ErrorCardFor): Promise<void> {
  const { activity } = context;
  if (activity.type !== ActivityTypes.Invoke || activity.name !== CARD_ACTION || context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  const info = findTurnInfo(context);
  if (!info) return;
  info.log.info({ verb: 'malformed' }, 'card action');
  const card = errorCard(new UnknownActionError(''), info);
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: card } } });
}
