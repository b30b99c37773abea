import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { PHONE_RESULTS } from '../domain/safety/model';
import { SAFETY_ERROR_CODES } from '../domain/safety/errors';
import type { Logger } from '../log/logger';
import type { ConsoleIdentity } from './console-auth';
import type { ConsolePorts, ConsoleViewer } from './console-ports';

/** The header the local-mode page sets after the picker; honoured in local mode from loopback only. */
const LOCAL_USER_HEADER = 'x-anshin-local-user';

export interface ConsoleApiOptions {
  readonly ports: () => ConsolePorts | undefined;
  /** Undefined when no app registration is configured: then only local mode signs anybody in. */
  readonly verifyToken?: (token: string) => Promise<ConsoleIdentity | undefined>;
  readonly localMode: boolean;
  /** The app registration the page asks Teams for a token for (public: it is in the manifest too). */
  readonly appId?: string;
  readonly logger: Logger;
  /** SSE comment lines keep proxies from closing an idle stream. */
  readonly heartbeatMs?: number;
}

const ROUND_ID = /^[0-9a-f-]{36}$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const resendBody = z.object({ department: z.string().min(1).max(200).optional(), requestId: z.string().uuid() }).strict();
const phoneBody = z.object({ userId: z.string().min(1).max(128), result: z.enum(PHONE_RESULTS) }).strict();

type Gate = 'any' | 'rounds' | 'compliance' | 'admin';
const allowed = (viewer: ConsoleViewer, gate: Gate) =>
  gate === 'any' || viewer.roles.admin || ((gate === 'rounds' || gate === 'compliance') && viewer.roles.manager) || (gate === 'compliance' && viewer.roles.security);

/**
 * The console's JSON API under /api/console (docs/console.md). Every route answers 401 without a
 * valid identity and 403 for the wrong role; a round the viewer may not see answers 404, like a
 * missing one. Identity is a bearer token (Teams SSO) or, in local mode from loopback, the header
 * the picker sets: never a cookie, so another site cannot make a browser call this API.
 */
export function registerConsoleApi(server: Server, options: ConsoleApiOptions): { closeStreams(): void } {
  const streams = new Set<() => void>();

  async function identify(req: Request): Promise<ConsoleIdentity | undefined> {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && options.verifyToken) return options.verifyToken(auth.slice(7).trim());
    const picked = req.headers[LOCAL_USER_HEADER];
    if (options.localMode && typeof picked === 'string' && picked.length <= 128 && LOOPBACK.has(req.socket.remoteAddress ?? '')) return { userId: picked };
    return undefined;
  }

  /** Resolves the viewer or answers 401/403/503 itself (then returns undefined). */
  async function gate(req: Request, res: Response, level: Gate): Promise<{ viewer: ConsoleViewer; ports: ConsolePorts } | undefined> {
    const ports = options.ports();
    if (!ports) {
      res.header('Retry-After', '1');
      res.send(503, { error: 'starting' });
      return undefined;
    }
    const identity = await identify(req);
    const viewer = identity && (await ports.viewer(identity));
    if (!viewer) {
      res.send(401, { error: 'sign-in required' });
      return undefined;
    }
    if (!allowed(viewer, level)) {
      res.send(403, { error: 'not allowed' });
      return undefined;
    }
    return { viewer, ports };
  }

  /** Domain refusals become status codes; anything else is logged with a correlation id. */
  function fail(res: Response, err: unknown): void {
    const code = (err as { code?: unknown }).code;
    if (code === SAFETY_ERROR_CODES.roundNotFound) return void res.send(404, { error: 'not found' });
    if (code === SAFETY_ERROR_CODES.notAdmin) return void res.send(403, { error: 'not allowed' });
    const correlationId = randomUUID();
    options.logger.error({ correlationId, err: err instanceof Error ? err.message : String(err) }, 'console api error');
    res.send(500, { error: 'internal error', correlationId });
  }

  const roundId = (req: Request) => {
    const id = String(req.params.id ?? '');
    return ROUND_ID.test(id) ? id : undefined;
  };

  /** A JSON route on a round; `run` gets the checked viewer and round id. */
  const onRound = (level: Gate, run: (g: { viewer: ConsoleViewer; ports: ConsolePorts }, id: string, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const g = await gate(req, res, level);
    if (!g) return;
    const id = roundId(req);
    if (!id) return void res.send(404, { error: 'not found' });
    try {
      await run(g, id, req, res);
    } catch (err) {
      fail(res, err);
    }
  };

  // What the page needs before anyone signs in: which sign-in to use.
  server.get('/api/console/config', (_req, res, next) => {
    res.send(200, { localMode: options.localMode, appId: options.appId ?? null });
    next();
  });

  server.get('/api/console/me', async (req, res) => {
    const g = await gate(req, res, 'any');
    if (!g) return;
    const { user, roles } = g.viewer;
    res.header('cache-control', 'no-store');
    res.send(200, { id: user.id, name: user.name, locale: user.locale, department: user.department ?? null, roles });
  });

  // The picker exists in local mode only (no sign-in there by design; the server listens on loopback).
  server.get('/api/console/people', async (_req, res) => {
    const ports = options.ports();
    if (!options.localMode || !ports) return void res.send(404, { error: 'not found' });
    res.send(200, await ports.people());
  });

  server.get('/api/console/rounds', async (req, res) => {
    const g = await gate(req, res, 'rounds');
    if (!g) return;
    try {
      res.send(200, await g.ports.rounds.list(g.viewer.user));
    } catch (err) {
      fail(res, err);
    }
  });
  server.get('/api/console/rounds/:id', onRound('rounds', async ({ viewer, ports }, id, _req, res) => res.send(200, await ports.rounds.live(viewer.user, id))));
  server.get('/api/console/rounds/:id/attention', onRound('rounds', async ({ viewer, ports }, id, req, res) => {
    const department = new URL(req.url ?? '', 'http://local').searchParams.get('department') ?? undefined;
    res.send(200, await ports.rounds.attention(viewer.user, id, department?.slice(0, 200)));
  }));
  server.get('/api/console/rounds/:id/report', onRound('rounds', async ({ viewer, ports }, id, _req, res) => res.send(200, await ports.rounds.report(viewer.user, id))));
  server.get('/api/console/rounds/:id/report/csv', onRound('rounds', async ({ viewer, ports }, id, _req, res) => {
    const csv = await ports.rounds.reportCsv(viewer.user, id);
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="round-report-${id}.csv"`, 'cache-control': 'no-store' });
    res.end(csv);
  }));
  server.post('/api/console/rounds/:id/resend', onRound('admin', async ({ viewer, ports }, id, req, res) => {
    const body = resendBody.safeParse(req.body ?? {});
    if (!body.success) return void res.send(400, { error: 'bad request', field: body.error.issues[0]?.path.join('.') });
    res.send(200, await ports.rounds.resendNow(viewer.user, id, body.data));
  }));
  server.post('/api/console/rounds/:id/close', onRound('admin', async ({ viewer, ports }, id, _req, res) => {
    await ports.rounds.close(viewer.user, id);
    res.send(200, await ports.rounds.live(viewer.user, id));
  }));
  server.post('/api/console/rounds/:id/phone', onRound('rounds', async ({ viewer, ports }, id, req, res) => {
    const body = phoneBody.safeParse(req.body ?? {});
    if (!body.success) return void res.send(400, { error: 'bad request', field: body.error.issues[0]?.path.join('.') });
    await ports.rounds.phone(viewer.user, { roundId: id, ...body.data });
    res.send(200, await ports.rounds.attention(viewer.user, id));
  }));
  server.get('/api/console/rounds/:id/csv', onRound('admin', async ({ viewer, ports }, id, _req, res) => {
    await ports.rounds.live(viewer.user, id); // 404 unless the admin's own tenant's round
    const csv = await ports.rounds.csv(id);
    if (csv === undefined) return void res.send(404, { error: 'not found' });
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="safety-round-${id}.csv"`, 'cache-control': 'no-store' });
    res.end(csv);
  }));

  // Admins their tenant, managers their reports, the security team (and admins) the open incidents.
  for (const [path, part] of [['/api/console/compliance', 'compliance'], ['/api/console/compliance/watch', 'complianceWatch']] as const) {
    server.get(path, async (req, res) => {
      const g = await gate(req, res, 'compliance');
      if (!g) return;
      try {
        res.header('cache-control', 'no-store');
        res.send(200, await g.ports[part](g.viewer));
      } catch (err) {
        fail(res, err);
      }
    });
  }

  // Server-Sent Events: the live view now, then again within a moment of every change on any replica.
  server.get('/api/console/rounds/:id/events', onRound('rounds', async ({ viewer, ports }, id, req, res) => {
    const first = await ports.rounds.live(viewer.user, id);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.flushHeaders();
    const send = (view: unknown) => res.write(`event: live\ndata: ${JSON.stringify(view)}\n\n`);
    send(first);
    let busy = false;
    let again = false;
    const push = async () => {
      if (busy) return void (again = true);
      busy = true;
      try {
        do {
          again = false;
          send(await ports.rounds.live(viewer.user, id));
        } while (again);
      } catch (err) {
        options.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'console live update failed');
      } finally {
        busy = false;
      }
    };
    const unsubscribe = ports.rounds.subscribe(id, () => void push());
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    req.on('close', end);
  }));

  return {
    closeStreams: () => {
      for (const end of [...streams]) end();
    },
  };
}
