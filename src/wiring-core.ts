import type { Client } from '@microsoft/microsoft-graph-client';
import type { MeterProvider } from '@opentelemetry/api';
import { setUpAudit } from './audit/setup';
import type { Config } from './config';
import type { BotConnector } from './delivery/connector-client';
import { createDelivery } from './delivery/setup';
import type { AppInstaller, Reconciler } from './delivery/worker';
import type { Clock } from './domain/shared/clock';
import { createEmlMailer, createGraphMailer, type OutgoingMail } from './graph/mail';
import { graphParts } from './graph/parts';
import { createLinkSigner } from './http/signing';
import { createJobQueue } from './jobs/queue';
import { startRecurring, type RecurringTask } from './jobs/recurring';
import { registerJobHandlers, type JobHandlers } from './jobs/registry';
import { retentionTask, type RetentionTask } from './jobs/retention';
import { queueDepthByLane } from './delivery/metrics-query';
import { listenToOutcomes, type DeliveryOutcomeListener } from './delivery/worker';
import type { Logger } from './log/logger';
import type { Db } from './store/db';
import { openStore } from './store/open';
import { countDeliveries } from './telemetry/delivery';
import { createAppMetrics } from './telemetry/metrics';

/** Replaceable core collaborators (tests): everything else is built from the config. */
export interface CoreOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly connector?: BotConnector;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
  /** An already open and migrated database (tests clone a template); the caller closes it. */
  readonly db?: Db;
  /** Where the metrics go instead of the global provider (tests read them in memory). */
  readonly meterProvider?: MeterProvider;
}

/**
 * The first half of wiring.ts: the core every feature stands on (store, Graph, job queue, delivery,
 * audit log, signed links, metrics). The queue is started; the delivery worker is not (wiring.ts
 * starts it once every job handler is registered). Cleanups are pushed in start order.
 */
export async function buildCore(config: Config, logger: Logger, overrides: CoreOverrides, cleanups: (() => Promise<void>)[], selfUrl: string, clock: Clock) {
  const db = overrides.db ?? (await openStore(config.store, logger));
  if (!overrides.db) cleanups.push(() => db.close());
  const graph = graphParts(config, db, logger);
  const queue = createJobQueue(db, { url: config.store.kind === 'postgres' ? config.store.url : undefined, logger });
  await queue.start();
  cleanups.push(() => queue.stop(config.shutdownGraceSeconds * 1000));
  const metrics = createAppMetrics(overrides.meterProvider);
  const delivery = createDelivery(config, db, logger, metrics, {
    connector: overrides.connector, installer: overrides.installer ?? graph?.installer, reconciler: overrides.reconciler ?? graph?.reconciler,
  });
  countDeliveries(delivery.worker.events, metrics);
  const audit = await setUpAudit({ db, clock, config, logger });
  const signer = await createLinkSigner(db);
  /** A signed, expiring link to one of the export routes. */
  const signedLink = (path: string) => `${config.publicBaseUrl ?? selfUrl}${signer.sign(path, config.exportLinkTtlMinutes * 60)}`;
  return { db, clock, graph, queue, metrics, ...delivery, audit, signer, signedLink, roundEmail: roundEmail(config, graph?.client, (linkPath) => `${config.publicBaseUrl ?? selfUrl}${signer.sign(linkPath, ANSWER_LINK_TTL_SECONDS)}`) };
}

/**
 * The answer link stays valid for a week by its signature; it stops working earlier when the round
 * closes (checked on every use), and works only for its one person and round.
 */
const ANSWER_LINK_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The rounds' e-mail fallback (docs/rounds.md): Graph sendMail from ROUND_EMAIL_MAILBOX, else .eml
 * files in local mode; off without either. `link` is the signed answer page of one person and round.
 */
function roundEmail(config: Config, graphClient: Client | undefined, sign: (linkPath: string) => string) {
  const { mailbox, dir, afterMinutes } = config.roundReach.email;
  const mailer = mailbox && graphClient ? createGraphMailer(graphClient, mailbox) : config.localMode && dir ? createEmlMailer(dir) : undefined;
  if (!mailer) return undefined;
  return {
    send: (mail: OutgoingMail) => mailer.send(mail),
    link: (roundId: string, userId: string, nonce: string) => sign(`/answer/${encodeURIComponent(roundId)}/${encodeURIComponent(userId)}/${encodeURIComponent(nonce)}`),
    afterMinutes,
  };
}

/** What the features contribute to the background work, once merged (wiring.ts). */
interface FeatureWork {
  readonly jobHandlers: JobHandlers;
  readonly recurring: readonly RecurringTask[];
  readonly retention: readonly RetentionTask[];
  readonly deliveryOutcome: readonly DeliveryOutcomeListener[];
  readonly starts: readonly (() => Promise<() => Promise<void>>)[];
  readonly roundProgress: () => Promise<{ open: number; pending: number; answered: number; reached: number }>;
}

/**
 * Starts the background work once every feature is built: job handlers, the delivery worker and its
 * outcome listeners, the gauges, the recurring tasks (the features', the audit log's and the
 * retention job) and the features' own starts. Each registers its cleanup.
 */
export async function startWork(core: Core, config: Config, logger: Logger, cleanups: (() => Promise<void>)[], work: FeatureWork): Promise<void> {
  const { db, clock, queue, worker, metrics, audit } = core;
  await registerJobHandlers(queue, work.jobHandlers);
  listenToOutcomes(worker.events, work.deliveryOutcome);
  worker.start();
  cleanups.push(() => worker.stop(config.shutdownGraceSeconds * 1000));
  const stopGauges = metrics.observe({ queueDepth: () => queueDepthByLane(db), roundProgress: work.roundProgress }, logger);
  cleanups.push(async () => stopGauges());
  if (config.scheduler.enabled) {
    const retention = retentionTask({ db, clock, audit: audit.log, logger, days: config.retention, tasks: work.retention });
    const recurring = await startRecurring([...work.recurring, audit.retention, audit.anchor, retention], logger);
    cleanups.push(() => recurring.stop());
  }
  for (const start of work.starts) cleanups.push(await start());
}

type Core = Awaited<ReturnType<typeof buildCore>>;
