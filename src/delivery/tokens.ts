import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { TokenProvider } from './connector-client';

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** Bearer tokens for the Bot Connector: none in local mode, else the bot's Entra identity. */
export function botTokenProvider(bot: Config['bot']): TokenProvider {
  if (!bot.appId) return { getToken: async () => undefined };
  const credential: TokenCredential =
    bot.appType === 'UserAssignedMSI'
      ? new ManagedIdentityCredential({ clientId: bot.appId })
      : new ClientSecretCredential(bot.appType === 'SingleTenant' ? (bot.appTenantId ?? '') : 'botframework.com', bot.appId, bot.appPassword ?? '');
  return {
    // @azure/identity caches the token and refreshes it before expiry.
    getToken: async () => (await credential.getToken(BOT_FRAMEWORK_SCOPE))?.token,
  };
}
