import { ConfigError, loadConfigFromEnvironment, type Config } from './config';
import { describeRule } from './domain/safety/rules';
import { systemClock, type Clock } from './domain/shared/clock';
import { createTokenVerifier } from './http/console-auth';
import { createHttpServer } from './http/server';
import { createLogger } from './log/logger';
import type { BotEndpoint } from './http/bot-endpoint';
import { preloadBotSdks } from './teams/preload';
import { checkReadiness, probesOf } from './telemetry/readiness';
import { startTelemetry, type StopTelemetry } from './telemetry/start';
import type { Overrides, Wired } from './wiring';

export type { Overrides } from './wiring';

export interface RunningApp extends Omit<Wired, 'bot' | 'signals' | 'console'> {
  readonly port: number;
  readonly url: string;
  readonly clock: Clock;
  stop(): Promise<void>;
}

/** Loaded after the bot SDKs, before wiring.ts imports them (they take a while too). */
const STORAGE_PACKAGES = ['@electric-sql/pglite', 'pg-boss'];

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** A clock that starts at `start` and runs at real speed (demos and restart tests in local mode). */
export function offsetClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * The composition root, in two phases: the HTTP server listens first (so /healthz answers while
 * the SDKs load and the database opens; /readyz and /api/messages say 503 until then), then
 * wiring.ts builds the rest. stop() undoes every step in reverse order.
 */
export async function start(config: Config, overrides: Overrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (config.clockStart ? offsetClock(config.clockStart) : systemClock);
  const cleanups: (() => Promise<void>)[] = [];
  let stopTelemetry: StopTelemetry | undefined;
  const stop = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err: unknown) => logger.error({ err: String(err) }, 'shutdown step failed'));
    // Last, so the final export holds what the shutdown itself recorded.
    await stopTelemetry?.();
  };

  let wired: Wired | undefined;
  let bot: BotEndpoint | undefined;
  const http = createHttpServer({
    bot: () => bot,
    exports: () => wired?.exports,
    logger,
    ready: () => checkReadiness(wired && probesOf(wired)),
    console: {
      ports: () => wired?.console,
      localMode: config.localMode,
      appId: config.console.appId,
      verifyToken: config.console.appId ? createTokenVerifier({ appId: config.console.appId, loginBase: config.console.loginBase, allowedTenantIds: config.allowedTenantIds }) : undefined,
    },
    answers: () => wired?.answers,
    // What the automatic trigger acts on: an operator checks a rules-file change took effect here.
    details: { roundRules: config.roundRules.map(describeRule) },
    signals: config.signals.hmacSecrets.length ? { secrets: config.signals.hmacSecrets, clock, intake: () => wired?.signals } : undefined,
  });
  try {
    const port = await http.listen(config.port, config.host);
    cleanups.push(async () => {
      http.shuttingDown();
      await http.close();
    });
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    logger.info({ url }, 'listening; starting');
    if (config.localMode) logger.warn(`local mode: no authentication, listening on ${config.host} only`);

    // Before the database driver and the bot SDKs load: the Azure Monitor distro patches them as they do.
    await nextTurn();
    stopTelemetry = startTelemetry(config.telemetry, logger);

    // Loaded only now, one heavy package at a time with a turn of the event loop in between: the Bot
    // Framework SDKs take seconds to load, and /healthz must keep answering meanwhile.
    await preloadBotSdks();
    for (const pkg of STORAGE_PACKAGES) {
      await nextTurn();
      require(pkg);
    }
    await nextTurn();
    const { wire } = await import('./wiring.js');
    // Stop the HTTP server before the parts it calls (cleanups run in reverse).
    const inner: (() => Promise<void>)[] = [];
    cleanups.splice(0, 0, async () => {
      for (const fn of inner.splice(0).reverse()) await fn();
    });
    const parts = await wire(config, logger, clock, overrides, inner, url);
    wired = parts;
    bot = parts.bot;
    logger.info({ url, store: config.store.kind, localMode: config.localMode }, 'Anshin is ready');
    return { db: parts.db, outbox: parts.outbox, queue: parts.queue, worker: parts.worker, rounds: parts.rounds, exports: parts.exports, answers: parts.answers, reminders: parts.reminders, directory: parts.directory, devices: parts.devices, digests: parts.digests, port, url, clock, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function runFromCommandLine(): Promise<void> {
  let config: Config;
  try {
    config = loadConfigFromEnvironment();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const app = await start(config);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: draining…\n`);
    const force = setTimeout(() => process.exit(1), (config.shutdownGraceSeconds + 5) * 1000);
    force.unref();
    void app.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  runFromCommandLine().catch((err: unknown) => {
    process.stderr.write(`Anshin failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
