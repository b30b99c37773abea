import type { Config } from '../config';
import { createPacer } from '../delivery/pacer';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { createGraphClient } from './client';
import { graphCredential } from './credential';
import { createAppInstaller, GRAPH_INSTALL_RATE_PER_SECOND } from './installed-apps';
import { createIntuneClient } from './intune';
import { createPresenceReader } from './presence';
import { createReconciler } from './reconciler';

/**
 * Graph lets the delivery engine reach users who never opened the bot (proactive install) and
 * settle sends left uncertain by a crash, and gives the features presence and Intune. Off in local
 * mode unless GRAPH_ENABLED=true (then any bearer token is sent, which the local Graph stand-in accepts).
 */
export function graphParts(config: Pick<Config, 'graph' | 'bot'>, db: Db, logger: Logger) {
  if (!config.graph.enabled) return undefined;
  const credential = graphCredential(config);
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential, staticToken: credential ? undefined : 'local-mode' });
  const log = logger.child({ component: 'graph' });
  const installer = config.graph.teamsAppCatalogId
    ? createAppInstaller({ client, teamsAppId: config.graph.teamsAppCatalogId, appExternalId: config.bot.teamsAppId, pacer: createPacer(db, GRAPH_INSTALL_RATE_PER_SECOND), logger: log })
    : undefined;
  if (!installer) log.warn('TEAMS_APP_CATALOG_ID is not set: users who never opened the bot cannot be reached');
  const reconciler = installer ? createReconciler({ client, chats: installer, botAppId: config.bot.appId, logger: log }) : undefined;
  return { client, installer, reconciler, presence: createPresenceReader({ client, logger: log }), intune: createIntuneClient(client) };
}
