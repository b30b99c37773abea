import { existsSync } from 'node:fs';
import { createCheckinService } from './features/checkins/service';
import { checkinJobs } from './features/checkins/jobs';
import { roundCsv } from './features/rounds/export';
import { createJmaHandler, jmaSeenStore } from './features/rounds/jma';
import { roundJobs } from './features/rounds/jobs';
import { createRoundService } from './features/rounds/service';
import { createJmaPoller } from './feeds/jma-poller';
import { createRoundViews } from './features/rounds/views';
import { createLinkSigner } from './http/signing';
import type { ExportRoutes } from './http/server';
import type { Config } from './config';
import { createBotConnector, type BotConnector } from './delivery/connector-client';
import { createOutbox, type Outbox } from './delivery/outbox';
import { createPacer } from './delivery/pacer';
import { DEFAULT_RETRY_POLICY } from './delivery/policy';
import { createDeliveryStore } from './delivery/store';
import { botCredential, botTokenProvider } from './delivery/tokens';
import { createGraphClient } from './graph/client';
import { createAppInstaller, GRAPH_INSTALL_RATE_PER_SECOND } from './graph/installed-apps';
import { createReconciler } from './graph/reconciler';
import { createDeliveryWorker, type AppInstaller, type DeliveryWorker, type Reconciler } from './delivery/worker';
import { importDirectoryFile } from './features/directory/local-file';
import type { Clock } from './domain/shared/clock';
import { createJobQueue, type JobQueue } from './jobs/queue';
import { startRecurring } from './jobs/recurring';
import { registerJobHandlers } from './jobs/registry';
import type { Logger } from './log/logger';
import type { Db } from './store/db';
import { openStore } from './store/open';
import { createTeamsBot, type TeamsBot } from './teams/app';
import type { ActionHandler } from './cards/actions';
import type { Verb } from './cards/verbs';
import { checkinActions, checkinCommands, checkinFieldLabel } from './features/checkins/actions';
import { roundActions, roundCommands } from './features/rounds/actions';

/** Replaceable collaborators (tests): everything else is built from the config. */
export interface Overrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly connector?: BotConnector;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
  /** An already open and migrated database (tests clone a template); the caller closes it. */
  readonly db?: Db;
}

export interface Wired {
  readonly db: Db;
  readonly bot: TeamsBot;
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly worker: DeliveryWorker;
  readonly rounds: ReturnType<typeof createRoundService>;
  readonly exports: ExportRoutes;
}

/**
 * The second half of the composition root (see main.ts): everything behind the HTTP server. Each
 * started part registers its cleanup; the caller runs them in reverse order.
 */
export async function wire(
  config: Config,
  logger: Logger,
  clock: Clock,
  overrides: Overrides,
  cleanups: (() => Promise<void>)[],
  selfUrl: string,
): Promise<Wired> {
  const db = overrides.db ?? (await openStore(config.store));
  if (!overrides.db) cleanups.push(() => db.close());

  if (config.directoryFile && existsSync(config.directoryFile)) {
    const n = await importDirectoryFile(db, config.directoryFile, { timeZone: config.defaults.timeZone, adminUserIds: config.adminUserIds });
    logger.info({ users: n }, 'directory imported');
  }

  const queue = createJobQueue(db, { url: config.store.kind === 'postgres' ? config.store.url : undefined, logger });
  await queue.start();
  cleanups.push(() => queue.stop(config.shutdownGraceSeconds * 1000));

  const graph = graphParts(config, db, logger);
  const worker = createDeliveryWorker({
    db,
    store: createDeliveryStore(db),
    pacer: createPacer(db, config.delivery.ratePerSecond),
    connector: overrides.connector ?? createBotConnector({ tokens: botTokenProvider(config.bot) }),
    logger: logger.child({ component: 'delivery' }),
    ratePerSecond: config.delivery.ratePerSecond,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.delivery.maxAttempts },
    botId: config.bot.appId ? `28:${config.bot.appId}` : undefined,
    defaultServiceUrl: config.bot.serviceUrl,
    installer: overrides.installer ?? graph?.installer,
    reconciler: overrides.reconciler ?? graph?.reconciler,
  });
  const outbox = createOutbox(() => worker.wake());

  const checkins = createCheckinService({ db, clock, outbox, companyHolidays: config.companyHolidays });

  const signer = await createLinkSigner(db);
  const baseUrl = config.publicBaseUrl ?? selfUrl;
  const rounds = createRoundService({
    db,
    clock,
    outbox,
    views: createRoundViews(clock, config.defaults.timeZone),
    cascade: config.rounds,
    adminIds: config.adminUserIds,
    logger: logger.child({ component: 'rounds' }),
    exportUrl: async (roundId) => `${baseUrl}${signer.sign(`/api/exports/rounds/${roundId}.csv`, config.exportLinkTtlMinutes * 60)}`,
  });
  const exports: ExportRoutes = { verify: signer.verify, roundCsv: (id) => roundCsv(db, id) };

  const checkinWork = checkinJobs({
    db,
    clock,
    queue,
    outbox,
    logger,
    checkins,
    companyHolidays: config.companyHolidays,
    scheduler: config.scheduler,
  });
  const roundWork = roundJobs({ rounds, tickerIntervalSeconds: config.rounds.tickerIntervalSeconds });
  await registerJobHandlers(queue, { ...checkinWork.handlers, ...roundWork.handlers });

  worker.start();
  cleanups.push(() => worker.stop(config.shutdownGraceSeconds * 1000));

  if (config.scheduler.enabled) {
    const recurring = await startRecurring([...checkinWork.recurring, ...roundWork.recurring], logger);
    cleanups.push(() => recurring.stop());
  }

  if (config.jma.feedUrl) {
    const handler = createJmaHandler({ db, rounds, jma: config.jma, clock, logger: logger.child({ component: 'jma' }) });
    const poller = createJmaPoller({
      feedUrl: config.jma.feedUrl,
      intervalMs: config.jma.pollSeconds * 1000,
      onReport: (report) => handler.onReport(report),
      seen: jmaSeenStore(db),
      logger: logger.child({ component: 'jma-poller' }),
      clock,
    });
    poller.start();
    cleanups.push(() => poller.stop());
  }

  const bot = createTeamsBot({
    db,
    logger,
    bot: config.bot,
    allowedTenantIds: config.allowedTenantIds,
    defaultTimeZone: config.defaults.timeZone,
    actions: { ...checkinActions(checkins), ...roundActions(rounds) } satisfies Record<Verb, ActionHandler>,
    commands: { ...checkinCommands(checkins), ...roundCommands(rounds) },
    fieldLabel: checkinFieldLabel,
  });
  return { db, bot, outbox, queue, worker, rounds, exports };
}

/**
 * Graph lets the delivery engine reach users who never opened the bot (proactive install) and
 * settle sends left uncertain by a crash. Off in local mode unless GRAPH_ENABLED=true (then any
 * bearer token is sent, which the local Graph stand-in accepts).
 */
function graphParts(config: Pick<Config, 'graph' | 'bot'>, db: Db, logger: Logger) {
  if (!config.graph.enabled) return undefined;
  const credential = botCredential(config.bot, config.bot.appTenantId);
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential, staticToken: credential ? undefined : 'local-mode' });
  const log = logger.child({ component: 'graph' });
  const installer = config.graph.teamsAppCatalogId
    ? createAppInstaller({ client, teamsAppId: config.graph.teamsAppCatalogId, appExternalId: config.bot.teamsAppId, pacer: createPacer(db, GRAPH_INSTALL_RATE_PER_SECOND), logger: log })
    : undefined;
  if (!installer) log.warn('TEAMS_APP_CATALOG_ID is not set: users who never opened the bot cannot be reached');
  const reconciler = installer ? createReconciler({ client, chats: installer, botAppId: config.bot.appId, logger: log }) : undefined;
  return { installer, reconciler };
}
