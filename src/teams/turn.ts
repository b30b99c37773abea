import type { TurnContext } from 'botbuilder';
import type { ActionCaller } from '../cards/actions';
import type { User } from '../domain/people/user';
import type { Locale } from '../domain/shared/locale';
import type { Logger } from '../log/logger';

/** Per-turn facts, kept on the TurnContext (never on a shared object). */
export interface TurnInfo {
  readonly correlationId: string;
  readonly user: User;
  readonly locale: Locale;
  readonly log: Logger;
  /** The bot had no conversation with this user before this activity. */
  readonly firstContact: boolean;
}

const KEY = Symbol('anshin.turn');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(KEY, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(KEY) as TurnInfo | undefined;
  if (!info) throw new Error('turn info missing: beforeTurn did not run');
  return info;
}

/** The turn as the features see it: who, and which card was clicked (no SDK types). */
export function actionCaller(context: TurnContext, info: TurnInfo): ActionCaller {
  return {
    user: info.user,
    correlationId: info.correlationId,
    conversationId: context.activity.conversation?.id,
    cardActivityId: context.activity.replyToId,
  };
}
