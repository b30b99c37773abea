import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { User } from '../domain/people/user';
import { localeFromTag, type Locale } from '../domain/shared/locale';
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

export function correlationIdOf(context: TurnContext): string {
  const info = context.turnState.get(KEY) as TurnInfo | undefined;
  return info?.correlationId ?? context.activity.id ?? randomUUID();
}

export function localeOf(context: TurnContext, fallback: Locale): Locale {
  const info = context.turnState.get(KEY) as TurnInfo | undefined;
  return info?.locale ?? localeFromTag(context.activity.locale, fallback);
}
