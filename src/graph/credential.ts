import { ClientCertificateCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { botCredential } from '../delivery/tokens';

/**
 * The identity Graph calls are made with: the bot's own (client secret or user-assigned managed
 * identity) unless GRAPH_CERTIFICATE_PATH or GRAPH_USE_MANAGED_IDENTITY says otherwise. Undefined in
 * local mode, where the local Graph stand-in takes any bearer token.
 */
export function graphCredential(config: Pick<Config, 'graph' | 'bot'>): TokenCredential | undefined {
  const setting = config.graph.credential;
  if (setting.kind === 'managedIdentity') return new ManagedIdentityCredential(setting.clientId ? { clientId: setting.clientId } : {});
  if (setting.kind === 'certificate' && config.bot.appId && config.bot.appTenantId) {
    return new ClientCertificateCredential(config.bot.appTenantId, config.bot.appId, { certificatePath: setting.path });
  }
  return botCredential(config.bot, config.bot.appTenantId);
}
