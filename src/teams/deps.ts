import type { ActionHandlers, ActionListener, CommandHandler, QuestionHandler } from '../cards/actions';
import type { ErrorText, FieldLabel } from '../cards/texts';
import type { FeatureVerb } from '../cards/verbs';
import type { CheckinErrorCode } from '../domain/checkins/errors';
import type { User } from '../domain/people/user';
import type { SafetyErrorCode } from '../domain/safety/errors';
import type { Logger } from '../log/logger';
import type { Db, Executor } from '../store/db';
import type { CommandId } from './commands';
import type { ReadReceiptHandler } from './routes/read-receipt';

/** The bot registration (Bot Framework authentication); `authOverrides` points JWT checks elsewhere (tests). */
interface BotCredentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appTenantId?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly authOverrides: Readonly<Record<string, string>>;
}

/** The codes of the domain errors features raise: each has a text in its feature's texts.ts. */
export type FeatureErrorCode = CheckinErrorCode | SafetyErrorCode;

/**
 * What the Teams edge needs, and nothing more: the features reach it only as handlers, so src/teams
 * never imports a feature and a verb or command without a handler does not compile in the composition root.
 */
export interface TeamsDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly bot: BotCredentials;
  /** Empty: every tenant may use the bot. */
  readonly allowedTenantIds: readonly string[];
  /** Given to users the directory does not know yet. */
  readonly defaultTimeZone: string;
  /** Every verb but the help card's `command.run`, which the edge answers by running the command. */
  readonly actions: ActionHandlers<FeatureVerb>;
  /** Told, in order, after every card action that succeeded. */
  readonly afterAction?: readonly ActionListener[];
  /** Every command but help, which the bot answers itself with the welcome card. */
  readonly commands: Readonly<Record<Exclude<CommandId, 'help'>, CommandHandler>>;
  /** Whether the help card offers a command to a person (the features' role rules); absent: every command. */
  readonly commandVisible?: (user: User, command: Exclude<CommandId, 'help'>) => Promise<boolean>;
  /** The user text of every feature error code (the features' `errorTexts`): a code without one does not compile. */
  readonly errorTexts: Readonly<Record<FeatureErrorCode, ErrorText>>;
  /** The features' input labels, for "these fields are invalid": the first that knows a field names it. */
  readonly fieldLabels: readonly FieldLabel[];
  /**
   * The person's first conversation with the bot was just stored (in the turn's transaction): cards
   * that could not reach them before may go now. Returns how many; the worker is woken after commit.
   */
  readonly firstContact?: { run(tx: Executor, userId: string): Promise<number>; wake(): void };
  /** The app was installed for the person (first contact, after the welcome card): e.g. the pledge. */
  readonly onInstalled?: (user: User) => Promise<unknown>;
  /** A read receipt (event `application/vnd.microsoft.readReceipt`): the delivery engine marks what was read. */
  readonly onReadReceipt?: ReadReceiptHandler;
  /** A message that is not a command (the guideline feature); none: the welcome card answers it. */
  readonly onQuestion?: QuestionHandler;
}
