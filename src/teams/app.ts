import { randomUUID } from 'node:crypto';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions, Request, Response } from 'botbuilder';
import { conversationRefsRepo } from '../store/conversation-refs';
import { usersRepo } from '../store/users';
import { callerOf, referenceOf, tenantOf } from './identity';
import { registerActions } from './routes/actions';
import { checkinHandlers } from '../features/checkins/actions';
import { safetyHandlers } from '../features/rounds/actions';
import { registerCommandRoutes } from './routes/commands';
import { registerConversationUpdate } from './routes/conversation-update';
import { setTurnInfo } from './turn';
import type { TeamsDeps } from './deps';

export interface TeamsBot {
  /** Handles one POST /api/messages (JWT validation, then the turn). */
  process(req: Request, res: Response): Promise<void>;
  /** Whether a request's tenant may use the bot (checked before the turn). */
  tenantAllowed(body: unknown): boolean;
}

const LOCAL_TENANT = 'local-tenant';

export function createTeamsBot(deps: TeamsDeps): TeamsBot {
  const { config, logger } = deps;
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
    MicrosoftAppType: config.bot.appId ? config.bot.appType : '',
    ...config.bot.authOverrides,
  };
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ correlationId: context.activity?.id, err: error.message }, 'turn error');
  };

  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  const tenantAllowed = (tenantId: string | undefined) =>
    config.allowedTenantIds.length === 0 || (tenantId !== undefined && config.allowedTenantIds.includes(tenantId));

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
        defaultTimeZone: config.defaults.timeZone,
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

  registerConversationUpdate(app);
  registerActions(app, { ...checkinHandlers(deps), ...safetyHandlers(deps) });
  registerCommandRoutes(app, deps);
  app.error(async (context, err) => {
    logger.error({ correlationId: context.activity?.id, err: err.message }, 'unhandled bot error');
  });

  return {
    process: (req, res) => adapter.process(req, res, (context) => app.run(context).then(() => undefined)),
    tenantAllowed: (body) => tenantAllowed(tenantOf((body ?? {}) as Parameters<typeof tenantOf>[0])),
  };
}
