import type { Application, TurnState } from '@microsoft/teams-ai';
import type { User } from '../../domain/people/user';
import { turnInfo } from '../turn';
import { sendCard, welcomeCard, type CommandVisible } from './commands';

/**
 * The app was installed for a user: greet them, once. Clients re-send these events (the playground on
 * every page load), so only the first contact gets the welcome card (then `onInstalled`, e.g. the
 * pledge); the reference is saved in beforeTurn.
 */
export function registerConversationUpdate(app: Application<TurnState>, onInstalled?: (user: User) => Promise<unknown>, visible?: CommandVisible): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === botId)) return;
    const { user, firstContact } = turnInfo(context);
    if (!firstContact) return;
    await sendCard(context, await welcomeCard(user, visible));
    await onInstalled?.(user);
  });
}
