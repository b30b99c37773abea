import { randomUUID } from 'node:crypto';
import { Application, type TurnState } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import type { BotEndpoint } from '../http/bot-endpoint';
import { conversationRefsRepo } from '../store/conversation-refs';
import { usersRepo } from '../store/users';
import { callerOf, notServed, referenceOf, tenantOf } from './identity';
import type { ActionHandlers, CommandHandler } from '../cards/actions';
import { VERBS, type Verb } from '../cards/verbs';
import type { CommandId } from './commands';
import { errorCards } from './errors';
import { BotAdapter, processBotRequest, type TurnOutcome } from './http-adapter';
import { answerUnhandledCardAction, registerActions } from './routes/actions';
import { commandOf, registerCommandRoutes, welcomeCard } from './routes/commands';
import { registerConversationUpdate } from './routes/conversation-update';
import { registerReadReceipt } from './routes/read-receipt';
import { withSdkConsole } from './sdk-console';
import { outcomeOf, refuseTurn, setTurnInfo } from './turn';
import type { TeamsDeps } from './deps';

/** The bot behind POST /api/messages: JWT validation, then the turn. */
export type TeamsBot = BotEndpoint;

/** The tenant of activities that name none; it exists in local mode only. */
const LOCAL_TENANT = 'local-tenant';

export function createTeamsBot(deps: TeamsDeps): TeamsBot {
  const { bot, allowedTenantIds, logger } = deps;
  // No app id: local mode (config.ts allows it on loopback only), where no token is checked.
  const localMode = !bot.appId;
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppTenantId: bot.appTenantId ?? '',
    MicrosoftAppType: bot.appId ? bot.appType : '',
    ...bot.authOverrides,
  };
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ correlationId: context.activity?.id, err: error.message }, 'turn error');
  };

  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  /**
   * Fails closed: outside local mode only the listed tenants (config.ts never leaves the list empty
   * there), and an activity naming no tenant is nobody's. Local mode with an empty list serves any
   * tenant; its own tenant (activities naming none) is always allowed.
   */
  const tenantAllowed = (tenantId: unknown): boolean => {
    if (localMode && (allowedTenantIds.length === 0 || tenantId === LOCAL_TENANT)) return true;
    return typeof tenantId === 'string' && allowedTenantIds.includes(tenantId);
  };

  // Every turn: know the user (in the tenant the activity comes from), and refresh where to reach them proactively.
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const correlationId = activity.id ?? randomUUID();
    const log = logger.child({ correlationId, type: activity.type });
    const caller = callerOf(activity, LOCAL_TENANT);
    if (!caller) return false;
    const touch = { id: caller.aadObjectId, tenantId: caller.tenantId, teamsUserId: caller.teamsUserId, name: caller.name, locale: caller.locale, defaultTimeZone: deps.defaultTimeZone };
    const ref = referenceOf(activity, caller);
    // Nearly every turn: the person and their reference as stored, one read and no transaction.
    const known = await usersRepo.knownAsBefore(deps.db, touch, ref);
    const { user, firstContact, revived } = known ? { user: known, firstContact: false, revived: 0 } : await deps.db.transaction(async (tx) => {
      const u = await usersRepo.touchFromTeams(tx, touch);
      if (!u) return { user: undefined, firstContact: false, revived: 0 };
      const first = ref ? await conversationRefsRepo.save(tx, ref) : false;
      const revived = first && deps.firstContact ? await deps.firstContact.run(tx, u.id) : 0;
      return { user: u, firstContact: first, revived };
    });
    if (revived) deps.firstContact?.wake();
    if (!user) {
      log.warn({ tenant: caller.tenantId }, 'a user known in another tenant spoke from this one; refused');
      return refuseTurn(context, 'forbidden');
    }
    setTurnInfo(context, {
      correlationId,
      user,
      locale: user.locale,
      log: log.child({ user: user.id }),
      firstContact,
    });
    return true;
  });

  const errorCard = errorCards(deps.fieldLabels, deps.errorTexts);
  const commands = { ...deps.commands, help: async ({ user }) => welcomeCard(user, deps.commandVisible) } satisfies Record<CommandId, CommandHandler>;
  // The help card's buttons run a command; anything else (a forged or old value) gets help.
  const actions = { ...deps.actions, [VERBS.commandRun]: (caller, data) => commands[commandOf(data) ?? 'help'](caller) } satisfies ActionHandlers<Verb>;
  registerConversationUpdate(app, deps.onInstalled, deps.commandVisible);
  registerReadReceipt(app, deps.onReadReceipt);
  registerActions(app, actions, errorCard, deps.afterAction);
  registerCommandRoutes(app, commands, errorCard, deps.onQuestion);
  app.error(async (context, err) => {
    logger.error({ correlationId: context.activity?.id, err: err.message }, 'unhandled bot error');
  });

  // Runs only after the SDK authenticated the request: channel, sender and tenant are checked here, never before.
  const turn = async (context: TurnContext): Promise<TurnOutcome> => {
    const refused = notServed(context.activity);
    if (refused) {
      logger.warn({ correlationId: context.activity.id, reason: refused }, 'activity refused: not a Teams user');
      return refused;
    }
    const tenant = tenantOf(context.activity) ?? (localMode ? LOCAL_TENANT : undefined);
    if (!tenantAllowed(tenant)) {
      logger.warn({ correlationId: context.activity.id }, 'activity from a tenant that is not allowed');
      return 'forbidden';
    }
    await app.run(context);
    await answerUnhandledCardAction(context, errorCard);
    return outcomeOf(context);
  };
  return { process: (request) => withSdkConsole(logger, () => processBotRequest(adapter, request, turn, { requireToken: !localMode, logger })) };
}
