import type { MeterProvider } from '@opentelemetry/api';
import { setUpAudit } from './audit/setup';
import type { Config } from './config';
import type { BotConnector } from './delivery/connector-client';
import { createDelivery } from './delivery/setup';
import type { AppInstaller, Reconciler } from './delivery/worker';
import type { Clock } from './domain/shared/clock';
import { graphParts } from './graph/parts';
import { createLinkSigner } from './http/signing';
import { createJobQueue } from './jobs/queue';
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
  return { db, graph, queue, metrics, ...delivery, audit, signer, signedLink };
}
