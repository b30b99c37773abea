import { existsSync } from 'node:fs';
import { setUpAudit } from './audit/setup';
import { createCheckinService, type CheckinEvents } from './features/checkins/service';
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
import { botTokenProvider } from './delivery/tokens';
import { createGraphClient } from './graph/client';
import { createAppInstaller, GRAPH_INSTALL_RATE_PER_SECOND } from './graph/installed-apps';
import { createReconciler } from './graph/reconciler';
import { createDeliveryWorker, type AppInstaller, type DeliveryWorker, type Reconciler } from './delivery/worker';
import { createDirectoryFeature, type DirectoryFeature } from './features/directory';
import { graphCredential } from './graph/credential';
import type { Clock } from './domain/shared/clock';
import { createJobQueue, type JobQueue } from './jobs/queue';
import { startRecurring } from './jobs/recurring';
import { registerJobHandlers } from './jobs/registry';
import type { Logger } from './log/logger';
import type { Db, Executor } from './store/db';
import type { User } from './domain/people/user';
import { openStore } from './store/open';
import { createTeamsBot, type TeamsBot } from './teams/app';
import type { ActionHandler } from './cards/actions';
import type { Verb } from './cards/verbs';
import { checkinActions, checkinCommands } from './features/checkins/actions';
import { checkinErrorTexts, checkinFieldLabel } from './features/checkins/texts';
import { roundErrorTexts, roundFieldLabel } from './features/rounds/texts';
import { gapcheckFieldLabel } from './features/gapcheck/texts';
import { deviceFieldLabel } from './features/devices/texts';
import { homeNetworkFieldLabel } from './features/homenet/texts';
import { approvalFieldLabel } from './features/approvals/texts';
import type { FieldLabel } from './cards/texts';
import { roundActions, roundCommands } from './features/rounds/actions';
import { createSignalsFeature, type SignalHandlers } from './features/signals';
import { createRemindersFeature, type RemindersFeature } from './features/reminders';
import { createPledgeFeature } from './features/pledge';
import { createHomeNetworkFeature } from './features/homenet';
import { createDigestsFeature, type DigestsFeature } from './features/digests';
import { createGapcheckFeature } from './features/gapcheck';
import { createPresenceReader } from './graph/presence';
import { createDevicesFeature, type DevicesFeature } from './features/devices';
import { createApprovalsFeature } from './features/approvals';
import { createIntuneClient } from './graph/intune';
import type { SignalsIntake } from './http/signals-route';
import type { MeterProvider } from '@opentelemetry/api';
import { queueDepthByLane } from './delivery/metrics-query';
import { openRoundProgress } from './features/rounds/tally-repository';
import { timedActions } from './telemetry/actions';
import { countDeliveries, observeConnector } from './telemetry/delivery';
import { countJmaPolls } from './telemetry/jma';
import { createAppMetrics } from './telemetry/metrics';

/** Replaceable collaborators (tests): everything else is built from the config. */
export interface Overrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly connector?: BotConnector;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
  /** An already open and migrated database (tests clone a template); the caller closes it. */
  readonly db?: Db;
  /** Receives processed signals instead of the features they are meant for. */
  readonly signalHandlers?: SignalHandlers;
  /** Where the metrics go instead of the global provider (tests read them in memory). */
  readonly meterProvider?: MeterProvider;
}

export interface Wired {
  readonly db: Db;
  readonly bot: TeamsBot;
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly worker: DeliveryWorker;
  readonly rounds: ReturnType<typeof createRoundService>;
  readonly exports: ExportRoutes;
  readonly signals: SignalsIntake;
  readonly reminders: RemindersFeature;
  readonly devices: DevicesFeature;
  readonly digests: Pick<DigestsFeature, 'runDue'>;
  readonly directory: Pick<DirectoryFeature, 'sync'>;
}

/**
 * Every feature's card input labels, for the error card of invalid input (the first that knows a field names it).
 * @internal exported for the test that checks every card input has a label.
 */
export const FIELD_LABELS: readonly FieldLabel[] = [checkinFieldLabel, roundFieldLabel, gapcheckFieldLabel, deviceFieldLabel, homeNetworkFieldLabel, approvalFieldLabel];

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

  const graph = graphParts(config, db, logger);
  const directory = createDirectoryFeature({
    db, clock, logger, settings: config.directory, defaults: config.defaults, client: graph?.client,
    file: config.directoryFile && existsSync(config.directoryFile) ? config.directoryFile : undefined,
    fileDefaults: { timeZone: config.defaults.timeZone, adminUserIds: config.adminUserIds, allowedTenantIds: config.localMode ? undefined : config.allowedTenantIds },
  });
  cleanups.push(await directory.start());

  const queue = createJobQueue(db, { url: config.store.kind === 'postgres' ? config.store.url : undefined, logger });
  await queue.start();
  cleanups.push(() => queue.stop(config.shutdownGraceSeconds * 1000));

  const metrics = createAppMetrics(overrides.meterProvider);
  const worker = createDeliveryWorker({
    db,
    store: createDeliveryStore(db),
    pacer: createPacer(db, config.delivery.ratePerSecond),
    connector: observeConnector(overrides.connector ?? createBotConnector({ tokens: botTokenProvider(config.bot) }), metrics),
    logger: logger.child({ component: 'delivery' }),
    ratePerSecond: config.delivery.ratePerSecond,
    leaseSeconds: config.delivery.leaseSeconds,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.delivery.maxAttempts },
    botId: config.bot.appId ? `28:${config.bot.appId}` : undefined,
    defaultServiceUrl: config.bot.serviceUrl,
    installer: overrides.installer ?? graph?.installer,
    reconciler: overrides.reconciler ?? graph?.reconciler,
  });
  countDeliveries(worker.events, metrics);
  const outbox = createOutbox(() => worker.wake());

  const audit = await setUpAudit({ db, clock, config, logger });
  const gapcheck = createGapcheckFeature({
    db, clock, outbox, queue, audit: audit.log, logger, companyHolidays: config.companyHolidays, presence: graph?.presence,
    settings: { ...config.gapCheck, presencePollMinutes: config.reminders.presencePollMinutes },
  });
  const reminders = createRemindersFeature({
    db, clock, outbox, audit: audit.log, logger, companyHolidays: config.companyHolidays, settings: config.reminders, presence: graph?.presence,
    onPresence: gapcheck.onPresence,
  });
  const pledge = createPledgeFeature({
    db, clock, outbox, audit: audit.log, logger, settings: { required: config.compliance.pledgeRequired, guidelineVersion: config.compliance.guidelineVersion },
  });
  const approvals = createApprovalsFeature({ db, clock, outbox, audit: audit.log, logger, adminIds: config.adminUserIds, settings: config.approvals });
  const checkins = createCheckinService({
    db, clock, outbox, companyHolidays: config.companyHolidays, audit: audit.log, events: withOvertimeNotice(gapcheck.withCheckinEvents(reminders.checkinEvents), (tx, user, day) => digests.overtimeAfterEnd(tx, user, day)),
    reminderCounts: reminders.dayCounts,
    pledge: pledge.checkinPort,
    privatePcApproved: async (userId, at) => (await approvals.activeFor(userId, 'private_pc', at)) !== undefined,
  });
  const homeNetwork = createHomeNetworkFeature({
    db, clock, outbox, queue, audit: audit.log, logger, companyHolidays: config.companyHolidays,
    settings: { monthly: config.compliance.homeNetworkMonthly, time: config.compliance.homeNetworkTime, planIntervalSeconds: config.scheduler.intervalSeconds, horizonHours: config.scheduler.horizonHours },
  });


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
    audit: audit.log,
    exportUrl: async (roundId) => `${baseUrl}${signer.sign(`/api/exports/rounds/${roundId}.csv`, config.exportLinkTtlMinutes * 60)}`,
  });

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
  const devices = createDevicesFeature({
    db, clock, outbox, queue, audit: audit.log, logger, intune: graph ? createIntuneClient(graph.client) : undefined,
    approvals: approvals.core,
    settings: {
      securityTeamUserIds: config.devices.securityTeamUserIds, fourEyesActions: config.devices.fourEyesActions, actionMaxAttempts: config.devices.actionMaxAttempts,
      appi: { preliminaryDays: config.devices.appiPreliminaryDays, reminderHoursBefore: config.devices.appiReminderHoursBefore }, tickSeconds: config.reminders.tickSeconds,
    },
  });
  const digests = createDigestsFeature({
    db, clock, queue, outbox, audit: audit.log, logger, companyHolidays: config.companyHolidays, unacknowledgedVpn: reminders.unacknowledgedVpn,
    gaps: gapcheck, sections: [devices.digestSection, pledge.digestSection, approvals.digestSection],
    settings: { ...config.digests, intervalSeconds: config.scheduler.intervalSeconds, horizonHours: config.scheduler.horizonHours },
    csvLink: (managerId, localDate) => `${baseUrl}${signer.sign(`/api/exports/digests/${encodeURIComponent(managerId)}/${localDate}.csv`, config.exportLinkTtlMinutes * 60)}`,
  });
  const exports: ExportRoutes = { verify: signer.verify, roundCsv: (id) => roundCsv(db, id), auditCsv: audit.csv, digestCsv: (managerId, date) => digests.csv(managerId, date) };
  const signalHandlers: SignalHandlers = overrides.signalHandlers ?? {
    onDeviceLost: devices.onDeviceLost,
    onVpnSignal: async (event) => {
      await reminders.onVpnSignal(event);
      await gapcheck.onVpnSignal(event);
    },
  };
  const signals = createSignalsFeature({ db, clock, queue, audit: audit.log, logger, handlers: signalHandlers });
  await registerJobHandlers(queue, { ...checkinWork.handlers, ...roundWork.handlers, ...signals.jobs.handlers, ...gapcheck.jobs.handlers, ...digests.jobs.handlers, ...homeNetwork.jobs.handlers, ...devices.jobs.handlers });

  worker.start();
  cleanups.push(() => worker.stop(config.shutdownGraceSeconds * 1000));
  const stopGauges = metrics.observe({ queueDepth: () => queueDepthByLane(db), roundProgress: () => openRoundProgress(db) }, logger);
  cleanups.push(async () => stopGauges());

  if (config.scheduler.enabled) {
    const recurring = await startRecurring([...checkinWork.recurring, ...roundWork.recurring, ...reminders.jobs.recurring, ...gapcheck.jobs.recurring, ...digests.jobs.recurring, ...pledge.jobs.recurring, ...homeNetwork.jobs.recurring, ...devices.jobs.recurring, ...approvals.jobs.recurring, audit.retention], logger);
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
      onPolled: countJmaPolls(metrics),
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
    actions: timedActions(gapcheck.observe({ ...checkinActions(checkins), ...roundActions(rounds), ...reminders.actions, ...gapcheck.actions, ...pledge.actions, ...homeNetwork.actions, ...devices.actions, ...approvals.actions } satisfies Record<Verb, ActionHandler>), metrics),
    commands: { ...checkinCommands(checkins), ...roundCommands(rounds), ...homeNetwork.commands, lostDevice: devices.commands.lostDevice, ...approvals.commands },
    errorTexts: { ...checkinErrorTexts, ...roundErrorTexts },
    fieldLabels: FIELD_LABELS,
    firstContact: { run: (tx, userId) => rounds.firstContact(tx, userId), wake: () => outbox.notify() },
    onInstalled: (user) => pledge.onInstalled(user),
  });
  return { db, bot, outbox, queue, worker, rounds, exports, signals: signals.intake, reminders, directory, devices, digests };
}

/**
 * Graph lets the delivery engine reach users who never opened the bot (proactive install) and
 * settle sends left uncertain by a crash. Off in local mode unless GRAPH_ENABLED=true (then any
 * bearer token is sent, which the local Graph stand-in accepts).
 */
function graphParts(config: Pick<Config, 'graph' | 'bot'>, db: Db, logger: Logger) {
  if (!config.graph.enabled) return undefined;
  const credential = graphCredential(config);
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential, staticToken: credential ? undefined : 'local-mode' });
  const log = logger.child({ component: 'graph' });
  const installer = config.graph.teamsAppCatalogId
    ? createAppInstaller({ client, teamsAppId: config.graph.teamsAppCatalogId, appExternalId: config.bot.teamsAppId, pacer: createPacer(db, GRAPH_INSTALL_RATE_PER_SECOND), logger: log })
    : undefined;
  if (!installer) log.warn('TEAMS_APP_CATALOG_ID is not set: users who never opened the bot cannot be reached');
  const reconciler = installer ? createReconciler({ client, chats: installer, botAppId: config.bot.appId, logger: log }) : undefined;
  return { client, installer, reconciler, presence: createPresenceReader({ client, logger: log }) };
}

/** The check-in events, plus the 80-hour notice right after each end-of-day check-in. */
function withOvertimeNotice(inner: CheckinEvents, notice: (tx: Executor, user: User, workDate: string) => Promise<unknown>): CheckinEvents {
  return {
    ...inner,
    ended: async (tx, user, workDate, answers) => {
      await inner.ended(tx, user, workDate, answers);
      await notice(tx, user, workDate);
    },
  };
}
