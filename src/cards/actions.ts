import type { User } from '../domain/people/user';
import type { AdaptiveCardJson } from './render';
import type { Verb } from './verbs';

/**
 * Who clicked a card button or typed a command, in terms a feature understands: no SDK types, so
 * features stay testable with plain values and a future Teams SDK touches only src/teams.
 */
export interface ActionCaller {
  readonly user: User;
  readonly correlationId: string;
  readonly conversationId?: string;
  /** The message holding the card that was clicked (Teams' replyToId): it is replaced by the answer. */
  readonly cardActivityId?: string;
}

/** An Action.Execute handler: parse the card data (zod) → use case → the card that replaces the one clicked. */
export type ActionHandler = (caller: ActionCaller, data: unknown) => Promise<AdaptiveCardJson>;

/** One handler per verb of a group: a feature declares `satisfies ActionHandlers<CheckinVerb>`. */
export type ActionHandlers<V extends Verb> = { readonly [K in V]: ActionHandler };

/** A text command handler: the card the bot answers with. */
export type CommandHandler = (caller: ActionCaller) => Promise<AdaptiveCardJson>;

/** A message that is not a command, as plain text (tags stripped, length capped by the edge): the answer card. */
export type QuestionHandler = (caller: ActionCaller, text: string) => Promise<AdaptiveCardJson>;

/** Told after every card action that succeeded, with its verb (e.g. the gap check counts it as activity); must not throw. */
export type ActionListener = (caller: ActionCaller, verb: Verb) => Promise<void>;
