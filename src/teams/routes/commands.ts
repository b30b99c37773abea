import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CommandHandler, QuestionHandler } from '../../cards/actions';
import { renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { parseCommand, questionText, type CommandId } from '../commands';
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

/**
 * Text commands (start / end / my week / safety round / help, in English or Japanese); anything else
 * is a question for `onQuestion` (the guideline), or gets help when no feature answers questions or
 * the message has no text. The question itself is never logged: it is free text (personal data).
 */
export function registerCommandRoutes(app: Application<TurnState>, commands: Readonly<Record<CommandId, CommandHandler>>, errorCard: ErrorCardFor, onQuestion?: QuestionHandler): void {
  app.activity('message', async (context) => {
    const info = turnInfo(context);
    const command = parseCommand(context.activity.text);
    const question = command || !onQuestion ? undefined : questionText(context.activity.text);
    info.log.info({ command: command ?? (question ? 'question' : 'unknown') }, 'command');
    let card: AdaptiveCardJson;
    try {
      const caller = actionCaller(context, info);
      card = question && onQuestion ? await onQuestion(caller, question) : await commands[command ?? 'help'](caller);
    } catch (err) {
      card = errorCard(err, info);
    }
    await sendCard(context, card);
  });
}
