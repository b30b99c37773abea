import { randomUUID } from 'node:crypto';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { BotEndpoint } from '../http/bot-endpoint';
import { conversationRefsRepo } from '../store/conversation-refs';
import { usersRepo } from '../store/users';
import { callerOf, referenceOf, tenantOf } from './identity';
import type { CommandHandler } from '../cards/actions';
import type { CommandId } from './commands';
import { errorCards } from './errors';
import { processBotRequest } from './http-adapter';
import { registerActions } from './routes/actions';
import { registerCommandRoutes, welcomeCard } from './routes/commands';
import { registerConversationUpdate } from './routes/conversation-update';
import { setTurnInfo } from './turn';
import type { TeamsDeps } from './deps';

/** The bot behind POST /api/messages: JWT validation, then the turn. */
export type TeamsBot = BotEndpoint;

const LOCAL_TENANT = 'local-tenant';

export function createTeamsBot(deps: TeamsDeps): TeamsBot {
  const { bot, allowedTenantIds, logger } = deps;
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppTenantId: bot.appTenantId ?? '',
    MicrosoftAppType: bot.appId ? bot.appType : '',
    ...bot.authOverrides,
  };
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ correlationId: context.activity?.id, err: error.message }, 'turn error');
  };

  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  const tenantAllowed = (tenantId: string | undefined) =>
    allowedTenantIds.length === 0 || (tenantId !== undefined && allowedTenantIds.includes(tenantId));

  // Every turn: refuse unknown tenants, know the user, and refresh where to reach them proactively.
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const correlationId = activity.id ?? randomUUID();
    const log = logger.child({ correlationId, type: activity.type });
    if (!tenantAllowed(tenantOf(activity))) {
      log.warn({ tenant: tenantOf(activity) }, 'activity from a tenant that is not allowed');
      return false;
    }
    const caller = callerOf(activity, LOCAL_TENANT);
    if (!caller) return false;
    const { user, firstContact } = await deps.db.transaction(async (tx) => {
      const u = await usersRepo.touchFromTeams(tx, {
        id: caller.aadObjectId,
        tenantId: caller.tenantId,
        teamsUserId: caller.teamsUserId,
        name: caller.name,
        locale: caller.locale,
        defaultTimeZone: deps.defaultTimeZone,
      });
      const ref = referenceOf(activity, caller);
      const first = ref ? await conversationRefsRepo.save(tx, ref) : false;
      return { user: u, firstContact: first };
    });
    setTurnInfo(context, {
      correlationId,
      user,
      locale: user.locale,
      log: log.child({ user: user.id }),
      firstContact,
    });
    return true;
  });

  const errorCard = errorCards(deps.fieldLabel);
  const commands = { ...deps.commands, help: async ({ user }) => welcomeCard(user) } satisfies Record<CommandId, CommandHandler>;
  registerConversationUpdate(app);
  registerActions(app, deps.actions, errorCard);
  registerCommandRoutes(app, commands, errorCard);
  app.error(async (context, err) => {
    logger.error({ correlationId: context.activity?.id, err: err.message }, 'unhandled bot error');
  });

  return {
    process: (request) => processBotRequest(adapter, request, (context) => app.run(context).then(() => undefined), logger),
    tenantAllowed: (body) => tenantAllowed(tenantOf((body ?? {}) as Parameters<typeof tenantOf>[0])),
  };
}
