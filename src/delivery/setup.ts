import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { observeConnector } from '../telemetry/delivery';
import type { AppMetrics } from '../telemetry/metrics';
import { createBotConnector, type BotConnector } from './connector-client';
import { createOutbox } from './outbox';
import { createPacer } from './pacer';
import { DEFAULT_RETRY_POLICY } from './policy';
import { createDeliveryStore } from './store';
import { botTokenProvider } from './tokens';
import { createDeliveryWorker, type AppInstaller, type Reconciler } from './worker';

/** What the delivery engine may be handed instead of the real thing (tests), or from Graph. */
export interface DeliveryParts {
  readonly connector?: BotConnector;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
}

/** The delivery worker (not started) and the outbox that wakes it. */
export function createDelivery(config: Pick<Config, 'delivery' | 'bot'>, db: Db, logger: Logger, metrics: AppMetrics, parts: DeliveryParts) {
  const worker = createDeliveryWorker({
    db,
    store: createDeliveryStore(db),
    pacer: createPacer(db, config.delivery.ratePerSecond),
    connector: observeConnector(parts.connector ?? createBotConnector({ tokens: botTokenProvider(config.bot) }), metrics),
    logger: logger.child({ component: 'delivery' }),
    ratePerSecond: config.delivery.ratePerSecond,
    leaseSeconds: config.delivery.leaseSeconds,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.delivery.maxAttempts },
    botId: config.bot.appId ? `28:${config.bot.appId}` : undefined,
    defaultServiceUrl: config.bot.serviceUrl,
    installer: parts.installer,
    reconciler: parts.reconciler,
  });
  return { worker, outbox: createOutbox(() => worker.wake()) };
}
