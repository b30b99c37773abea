import type { TurnContext } from 'botbuilder';
import type { ActionCaller } from '../cards/actions';
import type { User } from '../domain/people/user';
import type { Locale } from '../domain/shared/locale';
import type { Logger } from '../log/logger';
import type { TurnOutcome } from './http-adapter';

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
  const info = findTurnInfo(context);
  if (!info) throw new Error('turn info missing: beforeTurn did not run');
  return info;
}

/** Undefined when beforeTurn refused the turn (or has not run). */
export function findTurnInfo(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get(KEY) as TurnInfo | undefined;
}

const REFUSED = Symbol('anshin.refused');

/** beforeTurn refused the turn: the HTTP answer says why (src/teams/http-adapter.ts). */
export function refuseTurn(context: TurnContext, outcome: Exclude<TurnOutcome, 'served'>): false {
  context.turnState.set(REFUSED, outcome);
  return false;
}

export function outcomeOf(context: TurnContext): TurnOutcome {
  return (context.turnState.get(REFUSED) as TurnOutcome | undefined) ?? 'served';
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
