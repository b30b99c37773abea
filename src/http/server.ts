import restify from 'restify';
import type { Logger } from '../log/logger';
import type { BotEndpoint } from './bot-endpoint';

/** Signed CSV downloads for admins (links in the tally card). */
export interface ExportRoutes {
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
  roundCsv(roundId: string): Promise<string | undefined>;
}

export interface HttpServerDeps {
  readonly exports?: () => ExportRoutes | undefined;
  /** Undefined while the process is still starting: messages get 503 + Retry-After until then. */
  readonly bot: () => BotEndpoint | undefined;
  readonly logger: Logger;
  /** Readiness: the database answers and the workers run. */
  readonly ready: () => Promise<boolean>;
}

export interface HttpServer {
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
  shuttingDown(): void;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'anshin', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  let draining = false;

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    const ok = !draining && (await deps.ready().catch(() => false));
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : draining ? 'draining' : 'not ready' });
  });

  server.get('/api/exports/rounds/:file', async (req, res) => {
    const ex = deps.exports?.();
    const file = String(req.params.file ?? '');
    const m = /^([0-9a-f-]{36})\.csv$/.exec(file);
    const query = new URL(req.url ?? '', 'http://local').searchParams;
    if (!ex || !m?.[1] || !ex.verify(`/api/exports/rounds/${file}`, query.get('exp') ?? undefined, query.get('sig') ?? undefined)) {
      res.send(403, { error: 'link invalid or expired' });
      return;
    }
    const csv = await ex.roundCsv(m[1]);
    if (csv === undefined) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="safety-round-${m[1]}.csv"`, 'cache-control': 'no-store' });
    res.end(csv);
  });

  server.post('/api/messages', async (req, res) => {
    const bot = deps.bot();
    if (draining || !bot) {
      res.header('Retry-After', '1');
      res.send(503, { error: draining ? 'shutting down' : 'starting' });
      return;
    }
    if (!bot.tenantAllowed(req.body)) {
      deps.logger.warn({ path: '/api/messages' }, 'request from a tenant that is not allowed');
      res.send(403, { error: 'tenant not allowed' });
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
    },
  };
}
