import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import type { Clock } from '../domain/shared/clock';
import { SIGNAL_MAX_BODY_BYTES, signalEventSchema, type SignalEvent, type SignalOutcome } from '../domain/signals/event';
import type { Logger } from '../log/logger';
import { checkSignature, type TenantSecret } from './signals-signature';

const SIGNALS_PATH = '/api/signals';

/** What the webhook hands a valid, authenticated event to (the signals feature, through wiring). */
export interface SignalsIntake {
  /** Stores the event durably (or finds it stored already) before answering; users and ids are the tenant's only. */
  accept(event: SignalEvent, tenantId: string): Promise<SignalOutcome>;
}

export interface SignalsRouteOptions {
  /** Any one may match (rotation); the match names the tenant. The route exists only when at least one is configured. */
  readonly secrets: readonly TenantSecret[];
  readonly clock: Clock;
  /** Undefined while the process is still starting: 503 + Retry-After until then. */
  readonly intake: () => SignalsIntake | undefined;
}

/** The signals route reads and verifies its own raw body: the shared body parser must skip it. */
export const readsOwnBody = (req: restify.Request): boolean => req.getRoute()?.path === SIGNALS_PATH;

/**
 * POST /api/signals (contract: docs/signals.md). Every refusal has a fixed body that names
 * at most a field path, never a value or a secret; nothing is stored unless the answer is 202.
 */
export function registerSignalsRoute(server: restify.Server, options: SignalsRouteOptions & { logger: Logger; draining: () => boolean }): void {
  const log = options.logger.child({ component: 'signals-webhook' });
  server.post(SIGNALS_PATH, async (req, res) => {
    const intake = options.intake();
    if (options.draining() || !intake) {
      res.header('Retry-After', '1');
      res.send(503, { error: options.draining() ? 'shutting down' : 'starting' });
      return;
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      res.send(415, { error: 'unsupported-encoding' });
      return;
    }
    const raw = await readRawBody(req, SIGNAL_MAX_BODY_BYTES);
    if (raw === 'too-large') {
      // Close the connection rather than read the rest of an oversized upload.
      res.header('Connection', 'close');
      res.send(413, { error: 'too-large', maxBytes: SIGNAL_MAX_BODY_BYTES });
      return;
    }
    if (raw === 'aborted') return;
    const signature = checkSignature(header(req.headers['anshin-signature']), raw, options.secrets, options.clock.now().getTime());
    if (!signature.ok) {
      log.warn({ reason: signature.reason }, 'signal refused: signature');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      res.send(400, { error: 'invalid-json' });
      return;
    }
    const parsed = signalEventSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.send(400, { error: 'invalid', path: issue?.path.join('.') ?? '', code: issue?.code ?? 'custom' });
      return;
    }
    const event = parsed.data;
    try {
      const outcome = await intake.accept(event, signature.tenantId);
      if (outcome === 'unknown-user') {
        log.info({ eventId: event.id, type: event.type, tenantId: signature.tenantId }, 'signal refused: unknown user');
        res.send(422, { error: 'unknown-user' });
      } else if (outcome === 'duplicate') {
        res.send(200, { id: event.id, duplicate: true });
      } else {
        res.send(202, { id: event.id });
      }
    } catch (err) {
      const ref = randomUUID();
      log.error({ ref, eventId: event.id, tenantId: signature.tenantId, err: err instanceof Error ? err.message : String(err) }, 'signal not stored');
      res.send(500, { error: 'internal', ref });
    }
  });
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Reads the body as bytes (the signature covers them exactly), refusing a declared or actual size
 * over the limit without buffering the rest.
 */
function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      if (result === 'too-large') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish('too-large');
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onAbort = () => finish('aborted');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}
