import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render';
import { errorCard, UnknownActionError } from '../errors';
import { turnInfo, type TurnInfo } from '../turn';

/** An Action.Execute handler: parse (zod) → use case → the card that replaces the one answered. */
export type ActionHandler = (info: TurnInfo, data: unknown, context: TurnContext) => Promise<AdaptiveCardJson>;

/**
 * One catch-all Action.Execute route dispatching by verb: unknown verbs get a localized error card
 * instead of a silent 501, and every failure becomes an error card; nothing is stored on bad input.
 */
export function registerActions(app: Application<TurnState>, handlers: Readonly<Record<string, ActionHandler>>): void {
  app.adaptiveCards.actionExecute(/.*/, async (context: TurnContext, _state, data: unknown) => {
    const info = turnInfo(context);
    const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const handler = Object.hasOwn(handlers, verb) ? handlers[verb] : undefined;
    info.log.info({ verb }, 'card action');
    try {
      if (!handler) throw new UnknownActionError(verb);
      return await handler(info, data, context);
    } catch (err) {
      return errorCard(err, info.locale, info.correlationId, info.log);
    }
  });
}
