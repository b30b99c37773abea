import type { IncomingMessage } from 'node:http';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { Config } from '../config';
import type { Logger } from '../log/logger';

/** Flushes and stops the exporters (a no-op when telemetry is off). */
export type StopTelemetry = () => Promise<void>;

/** Probes answer every few seconds: a trace each would drown the real requests. */
const UNTRACED_PATHS = ['/healthz', '/readyz'];
/** The last export on shutdown must not hold the process past the platform's stop timeout. */
const SHUTDOWN_TIMEOUT_MS = 5000;

/**
 * Starts exporting traces and metrics to Azure Monitor when a connection string is configured.
 * The distro patches `http` and `pg` as they are loaded, so the composition root calls this before
 * the database driver and the bot SDKs load. Without a connection string nothing is loaded: the
 * OpenTelemetry API stays a no-op and the instruments cost a function call.
 */
export function startTelemetry(config: Config['telemetry'], logger: Logger): StopTelemetry {
  if (!config.connectionString) return async () => undefined;
  // Loaded here, not at the top: it takes seconds to load and patches modules as a side effect.
  const distro = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  // Named objects rather than literals: the distro types these options as the base instrumentation config.
  const http = { enabled: true, ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.includes((req.url ?? '').split('?')[0] ?? '') };
  // Queries inside a request or a job only: pg-boss and the delivery loop poll several times a second.
  const postgreSql = { enabled: true, requireParentSpan: true };
  const options: AzureMonitorOpenTelemetryOptions = {
    azureMonitorExporterOptions: { connectionString: config.connectionString },
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    instrumentationOptions: { http, postgreSql },
    enableLiveMetrics: false,
  };
  try {
    distro.useAzureMonitor(options);
  } catch (err) {
    // Its message may quote the connection string: log the kind of error only. The bot works without telemetry.
    logger.error({ err: err instanceof Error ? err.name : 'unknown' }, 'telemetry: Azure Monitor did not start; continuing without it');
    return async () => undefined;
  }
  logger.info({ serviceName: config.serviceName }, 'telemetry: exporting traces and metrics to Azure Monitor');
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= withTimeout(distro.shutdownAzureMonitor(), SHUTDOWN_TIMEOUT_MS).catch((err: unknown) => {
      logger.warn({ err: err instanceof Error ? err.name : 'unknown' }, 'telemetry: the last export failed');
    });
    return stopped;
  };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
