import type { ActionHandler, ActionHandlers, ActionListener, CommandHandler, QuestionHandler } from '../cards/actions';
import type { Verb } from '../cards/verbs';
import type { AuditLog } from '../audit/log';
import type { Outbox } from '../delivery/outbox';
import type { DeliveryOutcomeListener } from '../delivery/worker';
import type { User } from '../domain/people/user';
import type { Clock } from '../domain/shared/clock';
import type { JobName } from '../jobs/names';
import type { JobQueue } from '../jobs/queue';
import type { RecurringTask } from '../jobs/recurring';
import type { RetentionTask } from '../jobs/retention';
import type { JobHandlers } from '../jobs/registry';
import type { Logger } from '../log/logger';
import type { CommandId } from '../teams/commands';
import type { FeatureErrorCode } from '../teams/deps';
import type { ErrorText, FieldLabel } from '../cards/texts';
import type { Db, Executor } from '../store/db';
import type { Roles } from '../store/roles';

/**
 * The contract every feature plugs in with (docs/adding-a-feature.md). A feature folder's index.ts
 * exports one `createXFeature(deps, options)` that returns a `Feature` plus the ports other features
 * use; the composition root lists the features and merges their contributions with `mergeFeatures`.
 */

/** What the core hands every feature; a feature adds its own settings and ports as a second argument. */
export interface FeatureDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Company holidays (YYYY-MM-DD) on top of Japan's national holidays. */
  readonly companyHolidays: readonly string[];
  /** Who is an admin, a security member, a manager or an approver: the one answer every feature uses (src/store/roles.ts). */
  readonly roles: Roles;
}

/** Text commands a feature answers (help is the bot's own). */
export type CommandName = Exclude<CommandId, 'help'>;

export type { ActionListener } from '../cards/actions';

/**
 * What a feature adds to the bot. A feature's index.ts returns it with exact key types (`satisfies
 * ActionHandlers<CheckinVerb>` …), and `mergeFeatures` reads those keys back, so a verb, command or job
 * that no feature handles does not compile in wiring.ts.
 */
export interface Feature {
  /** The folder's name, for logs and merge errors. */
  readonly name: string;
  /** Action.Execute handlers, one per verb the feature's cards use. */
  readonly actions: { readonly [K in Verb]?: ActionHandler };
  readonly commands: { readonly [K in CommandName]?: CommandHandler };
  /**
   * Who the help card offers a command to (its role: admins, approvers, the security team…); a
   * command without a rule is offered to everyone. Typing it still works for anyone: the handler
   * answers what that person may see.
   */
  readonly commandVisible?: { readonly [K in CommandName]?: (user: User) => Promise<boolean> };
  /** Queue handlers (pg-boss) and timed work (every replica). */
  readonly jobs: { readonly handlers: Partial<JobHandlers>; readonly recurring: readonly RecurringTask[] };
  /** The user text of each domain error code the feature raises (a code without one does not compile in wiring.ts). */
  readonly errorTexts?: { readonly [K in FeatureErrorCode]?: ErrorText };
  /** The localized label of the feature's card inputs, for the "please check" error card. */
  readonly fieldLabel?: FieldLabel;
  /** Told after every successful card action, whoever's verb it was. */
  readonly afterAction?: ActionListener;
  /**
   * The person's first conversation with the bot was just stored (in the turn's transaction): cards
   * that could not reach them before may go now. Returns how many were brought forward.
   */
  readonly onFirstContact?: (tx: Executor, userId: string) => Promise<number>;
  /** The app was installed for the person (after the welcome card). */
  readonly onInstalled?: (user: User) => Promise<unknown>;
  /** A proactive card was sent or failed for good (e.g. a round's tally counts it); must not throw. */
  readonly onDeliveryOutcome?: DeliveryOutcomeListener;
  /** Answers chat messages that are not commands (one feature at most: the guideline). */
  readonly onQuestion?: QuestionHandler;
  /** Work started with the app (a poller, a sync); returns its cleanup. */
  readonly start?: () => Promise<() => Promise<void>>;
  /** Personal data the feature deletes or redacts after its period (RETENTION_*_DAYS); one core job runs them all. */
  readonly retention?: readonly RetentionTask[];
}

type VerbsOf<F> = F extends { readonly actions: infer A } ? keyof A & Verb : never;
type CommandsOf<F> = F extends { readonly commands: infer C } ? keyof C & CommandName : never;
type ErrorCodesOf<F> = F extends { readonly errorTexts: infer E } ? keyof E & FeatureErrorCode : never;
type JobsOf<F> = F extends { readonly jobs: { readonly handlers: infer H } } ? keyof H & JobName : never;

/** Every feature's contributions, merged; the key types are the union of what the features declared. */
export interface MergedFeatures<F> {
  readonly actions: ActionHandlers<VerbsOf<F>>;
  readonly commands: { readonly [K in CommandsOf<F>]: CommandHandler };
  /** Whether the help card offers the command to this person (every feature's rule for it must agree). */
  commandVisible(user: User, command: CommandName): Promise<boolean>;
  readonly jobHandlers: Pick<JobHandlers, JobsOf<F>>;
  readonly errorTexts: { readonly [K in ErrorCodesOf<F>]: ErrorText };
  /** In list order: the first feature that knows a field names it. */
  readonly fieldLabels: readonly FieldLabel[];
  readonly recurring: readonly RecurringTask[];
  readonly afterAction: readonly ActionListener[];
  /** Runs every feature's first-contact hook in the turn's transaction; the total brought forward. */
  onFirstContact(tx: Executor, userId: string): Promise<number>;
  onInstalled(user: User): Promise<void>;
  readonly deliveryOutcome: readonly DeliveryOutcomeListener[];
  /** The one feature's question handler; none: the bot answers such messages with help. */
  readonly onQuestion?: QuestionHandler;
  readonly starts: readonly (() => Promise<() => Promise<void>>)[];
  readonly retention: readonly RetentionTask[];
}

/** Merges keyed maps, refusing a key two features both claim (a verb answered twice is a wiring mistake). */
function mergeKeyed<T>(what: string, parts: readonly (readonly [string, Readonly<Record<string, T>>])[]): Record<string, T> {
  const merged: Record<string, T> = {};
  const owner = new Map<string, string>();
  for (const [name, map] of parts) {
    for (const [key, value] of Object.entries(map)) {
      const previous = owner.get(key);
      if (previous) throw new Error(`${what} "${key}" is claimed by both ${previous} and ${name}`);
      owner.set(key, name);
      merged[key] = value;
    }
  }
  return merged;
}

/** The composition root's one merge: every feature's verbs, commands, jobs and hooks, in list order. */
export function mergeFeatures<F extends Feature>(features: readonly F[]): MergedFeatures<F> {
  const list: readonly Feature[] = features;
  const firstContact = list.flatMap((f) => (f.onFirstContact ? [f.onFirstContact] : []));
  const installed = list.flatMap((f) => (f.onInstalled ? [f.onInstalled] : []));
  const visibility = list.flatMap((f) => (f.commandVisible ? [f.commandVisible] : []));
  const questions = list.filter((f) => f.onQuestion);
  if (questions.length > 1) throw new Error(`questions are answered by both ${questions.map((f) => f.name).join(' and ')}`);
  return {
    // The key sets are what each feature's type parameters declared: the casts restate the merge's type.
    actions: mergeKeyed('verb', list.map((f) => [f.name, f.actions] as const)) as MergedFeatures<F>['actions'],
    commands: mergeKeyed('command', list.map((f) => [f.name, f.commands] as const)) as MergedFeatures<F>['commands'],
    jobHandlers: mergeKeyed('job', list.map((f) => [f.name, f.jobs.handlers] as const)) as unknown as MergedFeatures<F>['jobHandlers'],
    async commandVisible(user, command) {
      for (const rules of visibility) {
        const rule = rules[command];
        if (rule && !(await rule(user))) return false;
      }
      return true;
    },
    errorTexts: mergeKeyed('error code', list.map((f) => [f.name, f.errorTexts ?? {}] as const)) as MergedFeatures<F>['errorTexts'],
    fieldLabels: list.flatMap((f) => (f.fieldLabel ? [f.fieldLabel] : [])),
    recurring: list.flatMap((f) => f.jobs.recurring),
    afterAction: list.flatMap((f) => (f.afterAction ? [f.afterAction] : [])),
    async onFirstContact(tx, userId) {
      let total = 0;
      for (const hook of firstContact) total += await hook(tx, userId);
      return total;
    },
    async onInstalled(user) {
      for (const hook of installed) await hook(user);
    },
    deliveryOutcome: list.flatMap((f) => (f.onDeliveryOutcome ? [f.onDeliveryOutcome] : [])),
    onQuestion: questions[0]?.onQuestion,
    starts: list.flatMap((f) => (f.start ? [f.start] : [])),
    retention: list.flatMap((f) => f.retention ?? []),
  };
}
