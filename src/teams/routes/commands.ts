import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { renderCard, type AdaptiveCardJson } from '../../cards/render';
import { parseCommand } from '../commands';
import { errorCard } from '../errors';
import { turnInfo } from '../turn';
import type { TeamsDeps } from '../deps';

export async function sendCard(context: TurnContext, card: AdaptiveCardJson, summary?: string): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  await context.sendActivity(activity);
}

/** Text commands (start / end / my week / help, in English or Japanese); anything else gets help. */
export function registerCommandRoutes(app: Application<TurnState>, deps: TeamsDeps): void {
  app.activity('message', async (context) => {
    const { user, locale, correlationId, log } = turnInfo(context);
    const command = parseCommand(context.activity.text);
    log.info({ command: command ?? 'unknown' }, 'command');
    try {
      switch (command) {
        case 'start':
          return sendCard(context, await deps.checkins.startCard(user));
        case 'end':
          return sendCard(context, await deps.checkins.endCard(user));
        case 'week':
          return sendCard(context, await deps.checkins.myWeek(user));
        case 'safety':
          return sendCard(context, await deps.rounds.formCard(user));
        default:
          return sendCard(context, renderCard('welcome', { userName: user.name }, locale));
      }
    } catch (err) {
      await sendCard(context, errorCard(err, locale, correlationId, log));
    }
  });
}
