import restify from 'restify';
import type { Logger } from '../log/logger';
import { isAnswerRoute, registerAnswerPage, type AnswerPages } from './answer-page';
import { registerAuditExport, type AuditExports } from './audit-export';
import { registerCsvExports, type CsvExports } from './csv-exports';
import type { BotEndpoint } from './bot-endpoint';
import { registerConsoleApi, type ConsoleApiOptions } from './console-api';
import { registerConsoleStatic } from './console-static';
import { jsonBodiesOnly } from './media-type';
import { readsOwnBody, registerSignalsRoute, type SignalsRouteOptions } from './signals-route';
import type { Readiness } from '../telemetry/readiness';

/** Signed CSV downloads for admins (links in the tally card) and auditors (audit log). */
export interface ExportRoutes extends AuditExports, CsvExports {}

export interface HttpServerDeps {
  readonly exports?: () => ExportRoutes | undefined;
  /** Undefined while the process is still starting: messages get 503 + Retry-After until then. */
  readonly bot: () => BotEndpoint | undefined;
  readonly logger: Logger;
  /** Readiness: the database answers, the job queue and the delivery worker run (never rejects). */
  readonly ready: () => Promise<Readiness>;
  /** Settings an operator checks on /readyz (the active round trigger rules); no secrets. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** POST /api/signals; without it (no HMAC secret configured) the path answers 404. */
  readonly signals?: SignalsRouteOptions;
  /** The console tab (/console/) and its API (/api/console/…). */
  readonly console?: Omit<ConsoleApiOptions, 'logger'>;
  /** The e-mail fallback's answer page (GET/POST /answer/…); 404 without it. */
  readonly answers?: () => AnswerPages | undefined;
}

export interface HttpServer {
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
  shuttingDown(): void;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'anshin', handleUncaughtExceptions: false });
  server.on('restifyError', fixedErrorBody);
  // The e-mail answer page posts a small HTML form (urlencoded) and reads it itself; everything else is JSON only.
  server.use((req, res, next) => (isAnswerRoute(req) ? next() : jsonBodiesOnly(req, res, next)));
  // JSON only (no multipart or form parser). The signals webhook verifies an HMAC over the raw bytes, so it reads its own body.
  const parseBody = [restify.plugins.bodyReader({ maxBodySize: 1024 * 1024 }), ...restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true })];
  server.use(parseBody.map((handler): restify.RequestHandler => (req, res, next) => (readsOwnBody(req) || isAnswerRoute(req) ? next() : handler(req, res, next))));
  let draining = false;
  if (deps.signals) registerSignalsRoute(server, { ...deps.signals, logger: deps.logger, draining: () => draining });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    const { ready, checks } = await deps.ready();
    const ok = ready && !draining;
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : draining ? 'draining' : 'not ready', checks, ...(deps.details ? { details: deps.details } : {}) });
  });

  registerAuditExport(server, () => deps.exports?.(), deps.logger);

  registerCsvExports(server, () => deps.exports?.(), deps.logger);

  const consoleApi = deps.console ? registerConsoleApi(server, { ...deps.console, logger: deps.logger }) : undefined;
  if (deps.console) registerConsoleStatic(server);
  if (deps.answers) registerAnswerPage(server, deps.answers, deps.logger);

  server.post('/api/messages', async (req, res) => {
    const bot = deps.bot();
    if (draining || !bot) {
      res.header('Retry-After', '1');
      res.send(503, { error: draining ? 'shutting down' : 'starting' });
      return;
    }
    const reply = await bot.process({ method: req.method ?? 'POST', headers: req.headers, body: req.body as unknown });
    for (const [name, value] of Object.entries(reply.headers)) res.header(name, value);
    if (reply.body === undefined) {
      res.status(reply.status);
      res.end();
    } else {
      res.send(reply.status, reply.body);
    }
  });

  // The tenant is checked by the bot after authentication (src/teams), so unauthenticated callers cannot probe it.
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    shuttingDown: () => {
      draining = true;
      // Live streams never end by themselves: close them so close() can finish.
      consoleApi?.closeStreams();
    },
  };
}

/** restify's own refusals (a body that is not JSON, an unknown path, a handler that threw) answer a fixed body, never its message. */
function fixedErrorBody(_req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, done: () => void): void {
  const status = err.statusCode ?? 500;
  const error = status >= 500 ? 'internal error' : status === 404 ? 'not found' : status === 405 ? 'method not allowed' : status === 413 ? 'too large' : 'bad request';
  err.toJSON = () => ({ error });
  done();
}
