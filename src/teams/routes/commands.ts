import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CommandHandler, QuestionHandler } from '../../cards/actions';
import { renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { COMMON_STRINGS, type CommonStrings } from '../../cards/strings';
import { COMMANDS, parseCommand, questionText, type CommandId } from '../commands';
import type { ErrorCardFor } from '../errors';
import { actionCaller, turnInfo } from '../turn';

export async function sendCard(context: TurnContext, card: AdaptiveCardJson, summary?: string): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  await context.sendActivity(activity);
}

/** Whether the help card offers a command to a person (the features' role rules); help is offered to everyone. */
export type CommandVisible = (user: User, command: Exclude<CommandId, 'help'>) => Promise<boolean>;

/** The commands whose cards a person may have missed, with the help-card button that shows them again. */
const MISSED = { pledge: 'btnPledge', pending: 'btnPending', incidents: 'btnIncidents', mySafety: 'btnMySafety' } as const satisfies Partial<Record<CommandId, keyof CommonStrings['welcome']>>;

/**
 * What the bot can do, greeting the user by name, in the person's language only: the answer to
 * "help" and to anything it does not understand. It lists exactly the commands the person's roles
 * allow, and offers a button for each missed card they can get again.
 */
export async function welcomeCard(user: User, visible: CommandVisible = async () => true): Promise<AdaptiveCardJson> {
  const offered = new Set<CommandId>();
  for (const c of COMMANDS) if (c.id === 'help' || (await visible(user, c.id))) offered.add(c.id);
  const strings = COMMON_STRINGS[user.locale].welcome;
  return renderCommonCard(
    'welcome',
    {
      userName: user.name,
      commands: COMMANDS.filter((c) => offered.has(c.id)).map((c) => ({ word: c.word[user.locale], text: c.description[user.locale] })),
      missed: (Object.keys(MISSED) as (keyof typeof MISSED)[]).filter((id) => offered.has(id)).map((id) => ({ command: id, title: strings[MISSED[id]] })),
      lostDevice: offered.has('lostDevice'),
      privatePc: offered.has('privatePc'),
      paper: offered.has('paper'),
    },
    user.locale,
  );
}

/** A help-card button (`command.run`): the command it names, when it is one. */
export function commandOf(data: unknown): CommandId | undefined {
  const command = typeof data === 'object' && data !== null ? (data as { command?: unknown }).command : undefined;
  return COMMANDS.find((c) => c.id === command)?.id;
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
