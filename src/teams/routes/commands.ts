import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CommandHandler } from '../../cards/actions';
import { renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { parseCommand, type CommandId } from '../commands';
import type { ErrorCardFor } from '../errors';
import { actionCaller, turnInfo } from '../turn';

export async function sendCard(context: TurnContext, card: AdaptiveCardJson, summary?: string): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  await context.sendActivity(activity);
}

/** What the bot can do, greeting the user by name: the answer to "help" and to anything it does not understand. */
export function welcomeCard(user: User): AdaptiveCardJson {
  return renderCommonCard('welcome', { userName: user.name }, user.locale);
}

/** Text commands (start / end / my week / safety round / help, in English or Japanese); anything else gets help. */
export function registerCommandRoutes(app: Application<TurnState>, commands: Readonly<Record<CommandId, CommandHandler>>, errorCard: ErrorCardFor): void {
  app.activity('message', async (context) => {
    const info = turnInfo(context);
    const command = parseCommand(context.activity.text);
    info.log.info({ command: command ?? 'unknown' }, 'command');
    let card: AdaptiveCardJson;
    try {
      card = await commands[command ?? 'help'](actionCaller(context, info));
    } catch (err) {
      card = errorCard(err, info);
    }
    await sendCard(context, card);
  });
}
