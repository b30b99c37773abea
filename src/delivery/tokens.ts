import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { TokenProvider } from './connector-client';

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** The bot's Entra identity (secret or user-assigned managed identity), or undefined in local mode. */
export function botCredential(bot: Config['bot'], tenantForMultiTenant = 'botframework.com'): TokenCredential | undefined {
  if (!bot.appId) return undefined;
  return bot.appType === 'UserAssignedMSI'
    ? new ManagedIdentityCredential({ clientId: bot.appId })
    : new ClientSecretCredential(bot.appType === 'MultiTenant' ? tenantForMultiTenant : (bot.appTenantId ?? ''), bot.appId, bot.appPassword ?? '');
}

/** Bearer tokens for the Bot Connector: none in local mode, else the bot's Entra identity. */
export function botTokenProvider(bot: Config['bot']): TokenProvider {
  const credential = botCredential(bot);
  if (!credential) return { getToken: async () => undefined };
  return {
    // @azure/identity caches the token and refreshes it before expiry.
    getToken: async () => (await credential.getToken(BOT_FRAMEWORK_SCOPE))?.token,
  };
}
