import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { turnInfo } from '../turn';

/**
 * The event name Teams sends. `@microsoft/teams-ai` 1.7's `app.teamsReadReceipt()` matches
 * `application/vnd.microsoft/readReceipt` (a slash for the dot) and never fires, so the route is ours.
 */
const READ_RECEIPT_EVENT = 'application/vnd.microsoft.readReceipt';

/** Stores that the person read the bot's messages in this chat up to `lastReadMessageId`. */
export type ReadReceiptHandler = (p: { userId: string; conversationId: string; lastReadMessageId: string }) => Promise<number>;

const isReadReceipt = async (context: TurnContext) => context.activity.type === 'event' && context.activity.name === READ_RECEIPT_EVENT;

/** Read receipts arrive only from 1:1 chats of people who have them on (RSC ChatMessageReadReceipt.Read.Chat). */
export function registerReadReceipt(app: Application<TurnState>, onReadReceipt?: ReadReceiptHandler): void {
  app.activity(isReadReceipt, async (context) => {
    const value = context.activity.value as { lastReadMessageId?: unknown } | undefined;
    const lastRead = value?.lastReadMessageId;
    const conversationId = context.activity.conversation?.id;
    if (!onReadReceipt || typeof lastRead !== 'string' || !/^\d{1,20}$/.test(lastRead) || !conversationId) return;
    const { user, log } = turnInfo(context);
    const marked = await onReadReceipt({ userId: user.id, conversationId, lastReadMessageId: lastRead });
    log.debug({ marked }, 'read receipt');
  });
}
