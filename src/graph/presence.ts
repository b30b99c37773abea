/**
 * Teams presence of many users at once (Graph `POST /communications/getPresencesByUserId`, at most
 * 650 ids per call, permission Presence.Read.All). Used by the screen-lock reminders while people work.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log/logger';
import { followNextLink, graphErrorInfo } from './client';

/**
 * Graph's documented maximum of ids per getPresencesByUserId call.
 * @internal exported for the test that checks the batches.
 */
export const PRESENCE_BATCH_SIZE = 650;
const MAX_PAGES = 50;
const MAX_ATTEMPTS = 3;
const THROTTLE_FALLBACK_MS = 5000;

export interface UserPresence {
  readonly userId: string;
  /** Available, AvailableIdle, Away, BeRightBack, Busy, BusyIdle, DoNotDisturb, Offline, PresenceUnknown. */
  readonly availability: string;
  readonly activity?: string;
}

/** Reads presence; never throws: what could not be read is missing from the answer (and logged). */
export interface PresenceReader {
  read(userIds: readonly string[]): Promise<UserPresence[]>;
}

export interface PresenceReaderOptions {
  readonly client: Client;
  readonly logger: Logger;
  /** A Retry-After up to this long is waited out inside the call; a longer one pauses reading until then. */
  readonly maxWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

interface PresencePage {
  value?: { id?: unknown; availability?: unknown; activity?: unknown }[];
  '@odata.nextLink'?: string;
}

class Throttled extends Error {
  constructor(readonly retryAfterMs: number) {
    super('throttled');
  }
}

export function createPresenceReader(options: PresenceReaderOptions): PresenceReader {
  const { client, logger } = options;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  let pausedUntil = 0;

  async function call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      const info = graphErrorInfo(err, now());
      if (info.status === 429) throw new Throttled(info.retryAfterMs ?? THROTTLE_FALLBACK_MS);
      throw err;
    }
  }

  /** One batch, with every page the answer links to. */
  async function readBatch(ids: readonly string[]): Promise<UserPresence[]> {
    const out: UserPresence[] = [];
    let page = await call(() => client.api('/communications/getPresencesByUserId').post({ ids }) as Promise<PresencePage>);
    for (let pages = 1; ; pages++) {
      for (const p of page.value ?? []) {
        if (typeof p.id === 'string' && typeof p.availability === 'string') {
          out.push({ userId: p.id, availability: p.availability, activity: typeof p.activity === 'string' ? p.activity : undefined });
        }
      }
      const next = page['@odata.nextLink'];
      if (!next || pages >= MAX_PAGES) return out;
      page = await call(() => followNextLink<PresencePage>(client, next));
    }
  }

  return {
    async read(userIds) {
      if (now() < pausedUntil) {
        logger.debug({ resumeInMs: pausedUntil - now() }, 'presence reading paused by Graph throttling');
        return [];
      }
      const result: UserPresence[] = [];
      for (let i = 0; i < userIds.length; i += PRESENCE_BATCH_SIZE) {
        const ids = userIds.slice(i, i + PRESENCE_BATCH_SIZE);
        for (let attempt = 1; ; attempt++) {
          try {
            result.push(...(await readBatch(ids)));
            break;
          } catch (err) {
            if (err instanceof Throttled) {
              if (err.retryAfterMs <= maxWaitMs && attempt < MAX_ATTEMPTS) {
                await sleep(err.retryAfterMs);
                continue;
              }
              // Later batches would be throttled too: stop here and let the next poll resume.
              pausedUntil = now() + err.retryAfterMs;
              logger.warn({ retryAfterMs: err.retryAfterMs, unread: userIds.length - i }, 'presence reading throttled by Graph; resuming later');
              return result;
            }
            const info = graphErrorInfo(err, now());
            logger.warn({ status: info.status, code: info.code, err: info.message, batch: ids.length }, 'presence batch failed; skipped this round');
            break;
          }
        }
      }
      return result;
    },
  };
}
