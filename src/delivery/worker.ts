import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../store/db';
import { conversationRefsRepo } from '../store/conversation-refs';
import { usersRepo } from '../store/users';
import type { Logger } from '../log/logger';
import type { BotConnector } from './connector-client';
import type { Pacer } from './pacer';
import { classify, MAX_ACTIVITY_BYTES, type RetryPolicy } from './policy';
import { anyTenantServiceUrl, type ClaimedDelivery, type DeliveryStore } from './store';
import { createWindowGuard } from './window-guard';

/** Installs the app for a user who never opened the bot (Graph installedApps). */
export interface AppInstaller {
  install(p: { userId: string; tenantId: string }): Promise<'installed' | 'forbidden' | 'not_found' | { retryAfterMs: number }>;
}

/**
 * After a crash mid-call: was the card delivered? 'unknown' means it will be sent again. It gets the
 * claimed delivery itself (its card, when it was created, the recipient's stored conversation).
 */
export interface Reconciler {
  find(d: Pick<ClaimedDelivery, 'tenantId' | 'recipientId' | 'key' | 'activity' | 'createdAt' | 'conversationId'>): Promise<{ activityId: string; conversationId: string } | null | 'unknown'>;
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
  readonly leaseSeconds?: number;
  readonly pollMs?: number;
}

export interface DeliveryWorker {
  start(): void;
  wake(): void;
  stop(graceMs: number): Promise<void>;
  readonly events: EventEmitter;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const events = new EventEmitter();
  const inflight = new Set<Promise<void>>();
  const localPause = new Map<string, number>(); // tenant → epoch ms, learned from our own 429s
  const guard = createWindowGuard(options.ratePerSecond);
  const batch = Math.max(1, Math.ceil(options.ratePerSecond / 2)); // one claim covers about half a second
  // Longer than the slowest path through one send (guard wait + 15 s HTTP timeout + queued writes).
  const leaseSeconds = options.leaseSeconds ?? 60;
  const pollMs = options.pollMs ?? 250;
  let running = false;
  let wakeUp: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();

  const track = (p: Promise<void>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  async function loop(): Promise<void> {
    while (running) {
      try {
        const rows = await options.store.claim(owner, batch, leaseSeconds);
        if (!rows.length) {
          await new Promise<void>((r) => {
            wakeUp = r;
            setTimeout(r, pollMs);
          });
          continue;
        }
        let nextClaimInMs = Infinity;
        for (const [tenantId, group] of groupByTenant(rows)) {
          const { firstDelayMs, intervalMs } = await options.pacer.reserve(tenantId, group.length);
          group.forEach((d, i) => track(sleep(firstDelayMs + i * intervalMs).then(() => deliverOrRetry(d))));
          nextClaimInMs = Math.min(nextClaimInMs, firstDelayMs + group.length * intervalMs);
        }
        // Claim the next batch shortly before this one's slots run out, never far ahead.
        await sleep(Math.max(0, Math.min(nextClaimInMs - 100, 1000)));
      } catch (err) {
        events.emit('error', err);
        options.logger.error({ err: text(err) }, 'delivery loop error');
        await sleep(1000);
      }
    }
  }

  async function deliverOrRetry(d: ClaimedDelivery): Promise<void> {
    try {
      await deliver(d);
    } catch (err) {
      options.logger.error({ deliveryId: d.id, err: text(err) }, 'delivery failed unexpectedly; will retry');
      await options.store.reschedule(d.id, { delayMs: 5000, error: text(err) }).catch(() => undefined);
    }
  }

  async function deliver(d: ClaimedDelivery): Promise<void> {
    const pausedUntil = localPause.get(d.tenantId) ?? 0;
    if (pausedUntil > Date.now()) return options.store.reschedule(d.id, { delayMs: pausedUntil - Date.now() });

    if (d.uncertain && d.kind === 'send') {
      const found = options.reconciler ? await options.reconciler.find(d) : 'unknown';
      if (found && found !== 'unknown') {
        await options.store.markSent(d.id, found.activityId, found.conversationId);
        events.emit('reconciled', d);
        return;
      }
      if (found === null) events.emit('resent', d);
      if (found === 'unknown') options.logger.warn({ deliveryId: d.id }, 'delivery outcome unknown after a crash; sending again');
    }

    let conversationId = d.conversationId;
    let serviceUrl = d.serviceUrl;
    let activityId: string | undefined;
    if (d.kind === 'update' && d.targetActivityId) {
      activityId = d.targetActivityId;
    } else if (d.kind === 'update') {
      const target = d.updateOf ? await options.store.target(d.updateOf) : undefined;
      if (!target || target.status === 'failed' || target.status === 'cancelled') return options.store.markFailed(d.id, 'target_missing');
      if (target.status !== 'sent' || !target.activityId) return options.store.reschedule(d.id, { delayMs: 2000 });
      activityId = target.activityId;
      conversationId = target.conversationId ?? conversationId;
    }
    if (!conversationId || !serviceUrl) return openConversation(d);
    if (Buffer.byteLength(JSON.stringify(d.activity)) > MAX_ACTIVITY_BYTES) return options.store.markFailed(d.id, 'too_large');

    if (!(await options.store.markSending(d.id, owner))) return; // lease lost to another process
    const answered = await guard.acquire(d.tenantId);
    const result = activityId
      ? await options.connector.update(serviceUrl, conversationId, activityId, d.activity)
      : await options.connector.send(serviceUrl, conversationId, d.activity);
    answered();
    const outcome = classify(result, d.attempts + 1, d.backoffMs, options.retry);
    switch (outcome.type) {
      case 'sent':
        await options.store.markSent(d.id, activityId ?? outcome.activityId, conversationId);
        events.emit('sent', d);
        return;
      case 'throttled':
        return throttle(d, outcome.delayMs, true);
      case 'retry':
        // No answer at all (timeout, dropped connection): the card may have arrived; the next attempt asks first.
        return options.store.reschedule(d.id, { delayMs: outcome.delayMs, backoffMs: outcome.delayMs, error: errorOf(result), uncertain: !result.ok && result.status === 0 && !activityId });
      case 'not_installed':
        // The stored conversation is no longer usable: forget it and reach the user again.
        await options.db.query('delete from conversation_refs where user_id = $1 and conversation_id = $2', [d.recipientId, conversationId]);
        return options.store.reschedule(d.id, { delayMs: 0, refund: true });
      case 'failed':
        await options.store.markFailed(d.id, outcome.reason, errorOf(result));
        events.emit('failed', d, outcome.reason);
        return;
    }
  }

  async function throttle(d: ClaimedDelivery, delayMs: number, refund: boolean): Promise<void> {
    localPause.set(d.tenantId, Math.max(localPause.get(d.tenantId) ?? 0, Date.now() + delayMs));
    await options.pacer.pause(d.tenantId, delayMs);
    await options.store.reschedule(d.id, { delayMs, throttled: true, refund });
  }

  /** No conversation yet: create it (this uses the delivery's send slot), installing the app if needed. */
  async function openConversation(d: ClaimedDelivery): Promise<void> {
    const user = await usersRepo.get(options.db, d.recipientId);
    const serviceUrl = (await anyTenantServiceUrl(options.db, d.tenantId)) ?? options.defaultServiceUrl;
    const memberId = user?.teamsUserId ?? d.recipientId;
    const answered = await guard.acquire(d.tenantId);
    const result = await options.connector.createConversation(serviceUrl, { botId: options.botId, tenantId: d.tenantId, memberId });
    answered();
    if (result.ok) {
      await conversationRefsRepo.save(options.db, {
        userId: d.recipientId,
        tenantId: d.tenantId,
        conversationId: result.id,
        serviceUrl,
        botId: options.botId,
        reference: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: result.id, tenantId: d.tenantId, conversationType: 'personal' },
          user: { id: memberId, aadObjectId: d.recipientId },
          bot: options.botId ? { id: options.botId } : undefined,
        },
      });
      return options.store.reschedule(d.id, { delayMs: 0 });
    }
    const outcome = classify(result, d.attempts + 1, d.backoffMs, options.retry);
    if (outcome.type === 'not_installed' && options.installer) {
      const installed = await options.installer.install({ userId: d.recipientId, tenantId: d.tenantId });
      if (installed === 'installed') return options.store.reschedule(d.id, { delayMs: 0 });
      if (typeof installed === 'object') return options.store.reschedule(d.id, { delayMs: installed.retryAfterMs });
      return options.store.markFailed(d.id, installed === 'forbidden' ? 'not_installed' : 'user_gone', `install: ${installed}`);
    }
    if (outcome.type === 'not_installed') return options.store.markFailed(d.id, 'not_installed', errorOf(result));
    if (outcome.type === 'throttled') return throttle(d, outcome.delayMs, false);
    if (outcome.type === 'retry') return options.store.reschedule(d.id, { delayMs: outcome.delayMs, backoffMs: outcome.delayMs, error: errorOf(result) });
    if (outcome.type === 'failed') return options.store.markFailed(d.id, outcome.reason, errorOf(result));
  }

  return {
    events,
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    wake() {
      wakeUp?.();
    },
    async stop(graceMs) {
      running = false;
      wakeUp?.();
      await loopDone;
      await Promise.race([Promise.allSettled([...inflight]), sleep(graceMs)]);
      await options.store.release(owner).catch(() => undefined);
    },
  };
}

function groupByTenant(rows: ClaimedDelivery[]): Map<string, ClaimedDelivery[]> {
  const m = new Map<string, ClaimedDelivery[]>();
  for (const r of rows) m.set(r.tenantId, [...(m.get(r.tenantId) ?? []), r]);
  return m;
}

const text = (err: unknown) => (err instanceof Error ? err.message : String(err));
const errorOf = (r: { ok: boolean } & Partial<{ status: number; code: string; message: string }>) =>
  r.ok ? undefined : `${r.status ?? ''} ${r.code ?? ''} ${r.message ?? ''}`.trim();
