import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../store/db';
import type { Logger } from '../log/logger';
import { createAttempts, requestsFor, type AppInstaller, type Reconciler } from './attempt';
import type { BotConnector } from './connector-client';
import type { Pacer } from './pacer';
import type { FailureReason, RetryPolicy } from './policy';
import { createSlotDispatcher, RANK } from './slots';
import type { ClaimedDelivery, DeliveryStore } from './store';
import { createWindowGuard } from './window-guard';

export type { AppInstaller, Reconciler } from './attempt';

/** A delivery reached its outcome: sent (or found sent after a crash) or failed for good. */
export interface DeliveryOutcome {
  readonly batchId: string | null;
  readonly recipientId: string;
  readonly outcome: 'sent' | 'failed';
  readonly reason?: FailureReason;
}

/** Told of every outcome (e.g. a round's live tally); runs after the outcome is stored, must not throw. */
export type DeliveryOutcomeListener = (outcome: DeliveryOutcome) => void;

/** Passes the worker's outcome events to listeners (features plug in through the composition root). */
export function listenToOutcomes(events: EventEmitter, listeners: readonly DeliveryOutcomeListener[]): void {
  const tell = (outcome: DeliveryOutcome) => {
    for (const listener of listeners) listener(outcome);
  };
  const of = (d: ClaimedDelivery) => ({ batchId: d.batchId, recipientId: d.recipientId });
  events.on('sent', (d: ClaimedDelivery) => tell({ ...of(d), outcome: 'sent' }));
  events.on('reconciled', (d: ClaimedDelivery) => tell({ ...of(d), outcome: 'sent' }));
  events.on('failed', (d: ClaimedDelivery, reason: FailureReason) => tell({ ...of(d), outcome: 'failed', reason }));
}

export interface WorkerOptions {
  readonly db: Db;
  readonly store: DeliveryStore;
  readonly pacer: Pacer;
  readonly connector: BotConnector;
  readonly logger: Logger;
  readonly ratePerSecond: number;
  readonly retry: RetryPolicy;
  readonly botId?: string;
  /** Where to create conversations when the tenant has no stored reference yet. */
  readonly defaultServiceUrl: string;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
  /** Renewed every third of it while the row is held; a dead process's rows come back after it. */
  readonly leaseSeconds?: number;
  readonly pollMs?: number;
  /** The connector's time limit per call (default 15 s, as createBotConnector's). */
  readonly requestTimeoutMs?: number;
  /** After a call's deadline, how long Teams and Graph get before its outcome is asked for (default 10 s). */
  readonly settleMs?: number;
}

export interface DeliveryWorker {
  start(): void;
  wake(): void;
  stop(graceMs: number): Promise<void>;
  readonly events: EventEmitter;
  /** Between start() and stop() (readiness). */
  readonly running: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Claims due rows (urgent first), books evenly spaced send slots for them from the tenant pacer
 * (shared by every replica through the database) about a second ahead, and hands each slot to the
 * best delivery waiting for one (slots.ts). A row that needs a conversation first makes its create
 * request, then takes the very next slot for its card.
 */
export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const events = new EventEmitter();
  const inflight = new Set<Promise<void>>();
  const held = new Map<number, number>(); // delivery id → fence of our claim
  const batch = Math.max(1, Math.ceil(options.ratePerSecond / 2)); // one claim covers about half a second
  // Backpressure: when answers come back slower than the rate (a busy machine, a slow service), claim
  // no more than two seconds' worth; otherwise calls pile up until they time out and turn uncertain.
  const maxHeld = Math.max(2 * batch, Math.ceil(options.ratePerSecond * 2));
  const leaseSeconds = options.leaseSeconds ?? 30;
  const pollMs = options.pollMs ?? 250;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  let running = false;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let lastClaimAt = 0;
  let loopDone: Promise<void> = Promise.resolve();
  let renewTimer: NodeJS.Timeout | undefined;
  let analyzedAt = 0;

  const report = (err: unknown, message: string) => {
    if (events.listenerCount('error')) events.emit('error', err);
    options.logger.error({ err: err instanceof Error ? err.message : String(err) }, message);
  };
  const slots = createSlotDispatcher(options.pacer, (err) => report(err, 'booking send slots failed'));
  const attempts = createAttempts({
    ...options,
    guard: createWindowGuard(options.ratePerSecond),
    slots,
    events,
    requestTimeoutMs,
    localPause: new Map(),
    stopping: () => stopping,
  });

  const track = (delivery: ClaimedDelivery, promise: Promise<void>) => {
    held.set(delivery.id, delivery.fence);
    const done = promise.finally(() => {
      if (held.get(delivery.id) === delivery.fence) held.delete(delivery.id);
      inflight.delete(done);
    });
    inflight.add(done);
  };

  /**
   * Waits `ms`, or less when woken (new work was committed, maybe while the loop was busy). Wakes
   * are coalesced to one claim per 100 ms: every card action commits and wakes, and on PGlite an
   * empty claim costs as much as a small request.
   */
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, ms);
      wakeUp = () => setTimeout(resolve, Math.max(0, lastClaimAt + 100 - Date.now()));
      if (woken) wakeUp();
    }).then(() => {
      woken = false;
      wakeUp = undefined;
    });

  async function loop(): Promise<void> {
    while (running) {
      if (held.size >= maxHeld) {
        await idle(50);
        continue;
      }
      try {
        lastClaimAt = Date.now();
        const rows = await options.store.claim({
          owner,
          limit: Math.min(batch, maxHeld - held.size),
          leaseSeconds,
          horizonSeconds: 2,
          requestTimeoutMs,
          settleMs: options.settleMs ?? 10_000,
          holding: [...held.keys()],
        });
        if (!rows.length) {
          await idle(pollMs);
          continue;
        }
        let coveredUntil = Infinity;
        for (const [tenantId, group] of groupByTenant(rows)) coveredUntil = Math.min(coveredUntil, await book(tenantId, group));
        if (rows.length === batch) await keepStatistics();
        // Claim again when less than a second of slots is spoken for: a stalled event loop does not
        // leave the tenant idle, and urgent work keeps every slot while it lasts. New work wakes the
        // loop at once.
        await idle(Math.max(20, Math.min(coveredUntil - Date.now() - 1000, 1000)));
      } catch (err) {
        report(err, 'delivery loop error');
        await sleep(1000);
      }
    }
  }

  /** Starts the group's deliveries and books their slots; returns until when the tenant's slots are spoken for (epoch ms). */
  async function book(tenantId: string, group: ClaimedDelivery[]): Promise<number> {
    // Urgent work came: bulk rows still waiting for their first slot go back to the queue, behind it.
    if (group.some((d) => d.lane === 'urgent')) slots.evict(tenantId, RANK.bulk);
    for (const d of group) {
      if (d.uncertain && d.kind === 'send' && d.checkInMs > 0) {
        track(d, attempts.defer(d));
        continue;
      }
      slots.expect(tenantId, requestsFor(d) - 1);
      track(d, attempts.run(d));
    }
    await slots.book(tenantId);
    return slots.coveredUntil(tenantId);
  }

  /**
   * PGlite runs no autovacuum: without fresh statistics the claim sorts the whole backlog instead of
   * reading the first rows of its index. Refreshed at most once a minute while a backlog exists.
   */
  async function keepStatistics(): Promise<void> {
    if (options.db.kind !== 'pglite' || Date.now() - analyzedAt < 60_000) return;
    analyzedAt = Date.now();
    await options.store.refreshStatistics();
  }

  async function renew(): Promise<void> {
    try {
      await options.store.renew([...held].map(([id, fence]) => ({ id, fence })), leaseSeconds);
    } catch (err) {
      report(err, 'lease renewal failed');
    }
  }

  return {
    events,
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loopDone = loop();
      renewTimer = setInterval(() => void renew(), (leaseSeconds * 1000) / 3);
      renewTimer.unref();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop(graceMs) {
      running = false;
      wakeUp?.();
      await loopDone;
      // Rows still waiting for their slot are released below; calls already made finish.
      stopping = true;
      slots.releaseAll();
      await Promise.race([Promise.allSettled([...inflight]), sleep(graceMs)]);
      clearInterval(renewTimer);
      await options.store.release(owner).catch(() => undefined);
    },
  };
}

function groupByTenant(rows: ClaimedDelivery[]): Map<string, ClaimedDelivery[]> {
  const m = new Map<string, ClaimedDelivery[]>();
  for (const r of rows) m.set(r.tenantId, [...(m.get(r.tenantId) ?? []), r]);
  return m;
}
