import { parseJmaReport, type AnyJmaReport } from '../domain/safety/jma-weather';
import { parseAtomFeed, relevantEntries, type RelevantEntry } from '../domain/safety/jma-feed';
import type { Clock } from '../domain/shared/clock';

/** The slice of pino the poller uses. */
export interface PollerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Feed entry ids already handled; backed by a table in production, so restarts do not replay them. */
export interface SeenStore {
  has(id: string): Promise<boolean>;
  add(id: string): Promise<void>;
}

export interface JmaPollerOptions {
  feedUrl: string;
  fetch?: typeof fetch;
  intervalMs: number;
  /** Upper bound of the back-off after failures; default max(intervalMs, 5 min). */
  maxBackoffMs?: number;
  /** Per request; a hung connection must not stall the loop. Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * Size caps, read as a stream and aborted when passed, so a broken or hostile server cannot fill
   * memory. Default 4 MB each, well above real documents: a 震源・震度に関する情報 listing 1,127
   * stations (2008 岩手・宮城内陸地震) is 215 KB, so one felt at every station in Japan stays near 1 MB.
   */
  maxFeedBytes?: number;
  maxReportBytes?: number;
  /**
   * Called once per new relevant report, oldest first. The entry is marked seen only after this
   * resolves, so a crash or an error in between hands the same report over again on a later poll:
   * this handler must be idempotent (e.g. key rounds by EventID and let `decideTrigger` answer
   * 'duplicate').
   */
  onReport(report: AnyJmaReport, raw: { url: string; xml: string }): Promise<void>;
  seen: SeenStore;
  logger: PollerLogger;
  clock: Clock;
  /** Told the result of every poll (operations metrics). */
  onPolled?(result: PollResult): void;
}

export interface PollResult {
  /** Report documents downloaded. */
  fetched: number;
  /** Relevant entries (VXSE51/VXSE53/VTSE41) not seen before this poll. */
  new: number;
  /** The feed answered 304 Not Modified. */
  notModified: boolean;
  /** Handed to onReport and marked seen. */
  processed: number;
  /** Unreadable documents, logged and marked seen: retrying cannot make them readable. */
  skipped: number;
  /** Failures that will be retried on the next poll (feed, document download, onReport, seen store). */
  errors: number;
}

export interface JmaPoller {
  /** One poll; never throws (failures are logged and counted in `errors`). */
  pollOnce(): Promise<PollResult>;
  start(): void;
  stop(): Promise<void>;
}

/** Frees the connection of a response whose body we do not need. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

class TooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`response too large: over ${maxBytes} bytes`);
    this.name = 'TooLargeError';
  }
}

/** The body as UTF-8 text (JMA's encoding), refused as soon as it declares or reaches more than maxBytes. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    discard(response);
    throw new TooLargeError(maxBytes);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

export function createJmaPoller(options: JmaPollerOptions): JmaPoller {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const maxBackoffMs = Math.max(options.intervalMs, options.maxBackoffMs ?? 5 * 60_000);
  const { logger } = options;
  let lastModified: string | undefined;
  let inFlight: Promise<PollResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let failures = 0;

  async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  }

  async function handleEntry(entry: RelevantEntry, result: PollResult): Promise<void> {
    const url = entry.link;
    let xml: string;
    try {
      const response = await get(url);
      if (!response.ok) {
        discard(response);
        throw new Error(`HTTP ${response.status}`);
      }
      xml = await readCapped(response, options.maxReportBytes ?? DEFAULT_MAX_BYTES);
      result.fetched += 1;
    } catch (err) {
      if (err instanceof TooLargeError) {
        // It will not get smaller: skip it (a later report of the same event normally follows).
        result.skipped += 1;
        logger.error({ err, id: entry.id, url }, 'JMA report too large; skipped');
        await markSeen(entry, result);
        return;
      }
      result.errors += 1;
      logger.error({ err, id: entry.id, url }, 'JMA report download failed; retrying next poll');
      return;
    }
    let report: AnyJmaReport;
    try {
      report = parseJmaReport(xml);
    } catch (err) {
      result.skipped += 1;
      logger.error({ err, id: entry.id, url, infoKind: entry.infoKind }, 'JMA report unreadable; skipped');
      await markSeen(entry, result);
      return;
    }
    if (report.kind === 'other' && report.status !== '訓練' && report.status !== '試験') {
      // The feed marked it as a quake or tsunami report, yet its title is none the trigger reads: JMA may have changed a format.
      logger.warn({ id: entry.id, url, title: report.title }, 'JMA report with an unknown title; no round can be decided from it');
    }
    if (report.kind === 'tsunami' && report.unknownAreaCodes.length > 0) {
      logger.warn({ id: entry.id, codes: report.unknownAreaCodes }, 'Tsunami forecast areas missing from the area table');
    }
    try {
      await options.onReport(report, { url, xml });
    } catch (err) {
      result.errors += 1;
      logger.error({ err, id: entry.id, url }, 'Handling a JMA report failed; retrying next poll');
      return;
    }
    if (await markSeen(entry, result)) result.processed += 1;
  }

  async function markSeen(entry: RelevantEntry, result: PollResult): Promise<boolean> {
    try {
      await options.seen.add(entry.id);
      return true;
    } catch (err) {
      result.errors += 1;
      logger.error({ err, id: entry.id }, 'Marking a JMA entry seen failed; it will be handed over again');
      return false;
    }
  }

  async function poll(): Promise<PollResult> {
    const startedAt = options.clock.now().getTime();
    const result: PollResult = { fetched: 0, new: 0, notModified: false, processed: 0, skipped: 0, errors: 0 };
    try {
      const response = await get(options.feedUrl, lastModified ? { 'if-modified-since': lastModified } : {});
      if (response.status === 304) {
        discard(response);
        result.notModified = true;
        return result;
      }
      if (!response.ok) {
        discard(response);
        throw new Error(`HTTP ${response.status}`);
      }
      const feed = parseAtomFeed(await readCapped(response, options.maxFeedBytes ?? DEFAULT_MAX_BYTES));
      const unseen: RelevantEntry[] = [];
      for (const entry of relevantEntries(feed, new Set())) if (!(await options.seen.has(entry.id))) unseen.push(entry);
      result.new = unseen.length;
      // One at a time, oldest first: a 取消 must not overtake the report it cancels.
      for (const entry of unseen) await handleEntry(entry, result);
      // Remember the feed's date only when everything in it was handled: otherwise the next poll would
      // get 304 and a failed entry would wait until the feed happens to change.
      if (result.errors === 0) lastModified = response.headers.get('last-modified') ?? undefined;
    } catch (err) {
      result.errors += 1;
      logger.error({ err, url: options.feedUrl }, 'JMA feed poll failed');
    }
    if (result.new > 0 || result.errors > 0) {
      logger.info({ ...result, durationMs: options.clock.now().getTime() - startedAt }, 'JMA feed polled');
    }
    return result;
  }

  function pollOnce(): Promise<PollResult> {
    // The loop and a manual call share one poll, so an entry is never handled twice at once.
    inFlight ??= poll()
      .then((result) => {
        options.onPolled?.(result);
        return result;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => void tick(), delayMs);
  }

  async function tick(): Promise<void> {
    timer = undefined;
    let failed: boolean;
    try {
      failed = (await pollOnce()).errors > 0;
    } catch (err) {
      // pollOnce does not throw; this only guards the loop against a future mistake.
      failed = true;
      logger.error({ err }, 'JMA poller loop error');
    }
    // Stopped meanwhile, or stopped and started again (which scheduled its own tick).
    if (!running || timer !== undefined) return;
    failures = failed ? failures + 1 : 0;
    // Bounded exponential back-off: a JMA or network outage is not hammered, and recovery is quick.
    schedule(failures === 0 ? options.intervalMs : Math.min(options.intervalMs * 2 ** failures, maxBackoffMs));
  }

  return {
    pollOnce,
    start(): void {
      if (running) return;
      running = true;
      failures = 0;
      schedule(0);
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
    },
  };
}
