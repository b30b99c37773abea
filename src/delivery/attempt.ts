import type { EventEmitter } from 'node:events';
import type { Db } from '../store/db';
import { conversationRefsRepo } from '../store/conversation-refs';
import type { Logger } from '../log/logger';
import { LATE_START, TOKEN_LATE, type BotConnector, type ConnectorResult } from './connector-client';
import type { Pacer } from './pacer';
import { classify, MAX_ACTIVITY_BYTES, recheckDelayMs, type FailureReason, type RetryPolicy } from './policy';
import { type ClaimedDelivery, type DeliveryStore, type Reschedule } from './store';
import { RANK, type SlotDispatcher } from './slots';
import type { WindowGuard } from './window-guard';

/** Installs the app for a user who never opened the bot (Graph installedApps). */
export interface AppInstaller {
  install(p: { userId: string; tenantId: string }): Promise<'installed' | 'forbidden' | 'not_found' | { retryAfterMs: number }>;
}

/**
 * After a crash or a timeout mid-call: was the card delivered? Asked only once the call can no
 * longer land. 'unknown' (nobody could say, e.g. Graph unavailable) means: ask again later.
 */
export interface Reconciler {
  find(d: Pick<ClaimedDelivery, 'tenantId' | 'recipientId' | 'key' | 'activity' | 'createdAt' | 'conversationId'>): Promise<{ activityId: string; conversationId: string } | null | 'unknown'>;
}

export interface AttemptDeps {
  readonly db: Db;
  readonly store: DeliveryStore;
  readonly pacer: Pacer;
  readonly connector: BotConnector;
  readonly guard: WindowGuard;
  readonly slots: SlotDispatcher;
  readonly logger: Logger;
  readonly events: EventEmitter;
  readonly retry: RetryPolicy;
  readonly botId?: string;
  readonly defaultServiceUrl: string;
  readonly installer?: AppInstaller;
  readonly reconciler?: Reconciler;
  readonly requestTimeoutMs: number;
  /** Tenant → epoch ms, learned from this process's own 429s. */
  readonly localPause: Map<string, number>;
  readonly stopping: () => boolean;
}

/** How many requests a claimed delivery may make now: 2 when its conversation must be created first. */
export const requestsFor = (d: ClaimedDelivery): number => (d.kind === 'send' && !d.conversationId ? 2 : 1);

const rankOf = (delivery: ClaimedDelivery): number =>
  delivery.lane === 'urgent' ? (delivery.fanout ? RANK.urgentFanout : RANK.urgent) : delivery.fanout ? RANK.bulkFanout : RANK.bulk;

/** One delivery, from its first slot to a stored outcome. Every write names the claim's fence. */
export function createAttempts(deps: AttemptDeps) {
  const { store, events, logger, retry } = deps;
  const serviceUrls = new Map<string, { url: string; at: number }>();

  const reschedule = async (d: ClaimedDelivery, p: Reschedule): Promise<void> => void (await fenced(d, store.reschedule(d.id, d.fence, p)));
  /** Every permanent failure (too large, target gone, install refused, rejected) is counted once, by whoever stored it. */
  async function fail(delivery: ClaimedDelivery, reason: FailureReason, error?: string): Promise<void> {
    if (await fenced(delivery, store.markFailed(delivery.id, delivery.fence, reason, error))) events.emit('failed', delivery, reason);
  }
  async function fenced(delivery: ClaimedDelivery, write: Promise<boolean>): Promise<boolean> {
    const written = await write;
    if (!written) logger.warn({ deliveryId: delivery.id, fence: delivery.fence }, 'delivery claimed again meanwhile; leaving it to the new claim');
    return written;
  }

  /** The worker told the slot dispatcher to expect `requestsFor(d) - 1` continuations before this. */
  async function run(delivery: ClaimedDelivery): Promise<void> {
    const call = { started: false, continued: requestsFor(delivery) === 1 };
    try {
      await attempt(delivery, call);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      logger.error({ deliveryId: delivery.id, err: error }, 'delivery failed unexpectedly; will retry');
      // After the call started the card may have arrived: the next attempt asks first.
      await reschedule(delivery, { delayMs: 5000, error, uncertain: call.started && delivery.kind === 'send' }).catch(() => undefined);
    } finally {
      if (!call.continued) deps.slots.expect(delivery.tenantId, -1);
    }
  }

  /** The next slot for the card right after its conversation's create (or the create right after an install). */
  async function next(delivery: ClaimedDelivery, call: Call): Promise<boolean> {
    const expected = !call.continued;
    call.continued = true;
    return deps.slots.take(delivery.tenantId, RANK.continuation, expected);
  }

  async function attempt(delivery: ClaimedDelivery, call: Call): Promise<void> {
    // Sent away before its first slot (urgent work came, or shutdown): the row goes back to the queue as it was.
    if (!(await deps.slots.take(delivery.tenantId, rankOf(delivery))) || deps.stopping()) return void (await fenced(delivery, store.putBack(delivery.id, delivery.fence)));
    const pausedUntil = deps.localPause.get(delivery.tenantId) ?? 0;
    if (pausedUntil > Date.now()) return reschedule(delivery, { delayMs: pausedUntil - Date.now() });
    if (delivery.uncertain && delivery.kind === 'send' && (await settled(delivery))) return;

    let conversationId = delivery.conversationId;
    let serviceUrl = delivery.serviceUrl;
    let activityId: string | undefined;
    // A newer update of the same card went (or is going) out: this older one would only overwrite it.
    if (delivery.kind === 'update' && (await store.supersede(delivery))) return;
    if (delivery.kind === 'update' && delivery.targetActivityId) {
      activityId = delivery.targetActivityId;
    } else if (delivery.kind === 'update') {
      const target = delivery.updateOf ? await store.target(delivery.updateOf) : undefined;
      if (!target || target.status === 'failed' || target.status === 'cancelled') return fail(delivery, 'target_missing');
      if (target.status !== 'sent' || !target.activityId) return reschedule(delivery, { delayMs: 2000 });
      activityId = target.activityId;
      conversationId = target.conversationId ?? conversationId;
    }
    if (!conversationId || !serviceUrl) {
      const opened = await openConversation(delivery, call);
      if (!opened) return;
      ({ conversationId, serviceUrl } = opened);
      // The card follows its conversation at once; at shutdown it is left for the next claim.
      if (!(await next(delivery, call))) return reschedule(delivery, { delayMs: 0 });
    }
    return send(delivery, serviceUrl, conversationId, activityId, call);
  }

  /** Settles an uncertain send: true when nothing more is to be done now (found, or asked again later). */
  async function settled(delivery: ClaimedDelivery): Promise<boolean> {
    const found = deps.reconciler ? await deps.reconciler.find(delivery) : 'unknown';
    if (found === 'unknown' && deps.reconciler && delivery.checks + 1 < retry.maxAttempts) {
      await reschedule(delivery, { delayMs: recheckDelayMs(delivery.checks, retry), checked: true });
      return true;
    }
    if (found === 'unknown') {
      logger.warn({ deliveryId: delivery.id, checks: delivery.checks }, 'delivery outcome unknown; sending again');
      return false;
    }
    if (!found) {
      events.emit('resent', delivery);
      return false;
    }
    if (await store.markSent(delivery.id, delivery.fence, found.activityId, found.conversationId)) events.emit('reconciled', delivery);
    return true;
  }

  async function send(delivery: ClaimedDelivery, serviceUrl: string, conversationId: string, activityId: string | undefined, call: Call): Promise<void> {
    if (Buffer.byteLength(JSON.stringify(delivery.activity)) > MAX_ACTIVITY_BYTES) return fail(delivery, 'too_large');
    const answered = await deps.guard.acquire(delivery.tenantId);
    // Marked right before the call, so the stored deadline is the call's own: a crash after this is
    // checked through Graph only once the call can no longer land. Our deadline is taken before the
    // mark, so it falls before the stored one: no request of ours starts or runs past it, however
    // late this process gets to make it (another worker may take the row after the stored one).
    const deadline = Date.now() + deps.requestTimeoutMs;
    if (!(await store.markSending(delivery.id, delivery.fence, deps.requestTimeoutMs))) {
      answered();
      return; // claimed again meanwhile (our lease ran out)
    }
    call.started = true;
    const result = activityId
      ? await deps.connector.update(serviceUrl, conversationId, activityId, delivery.activity, deadline)
      : await deps.connector.send(serviceUrl, conversationId, delivery.activity, deadline);
    answered();
    // Nothing was sent: the row goes back as it was (the attempt does not count), after a short pause so
    // that a process too slow to meet its deadlines does not take it back at once, again and again.
    if (!result.ok && result.code === LATE_START) return reschedule(delivery, { delayMs: retry.baseMs, refund: true, error: errorOf(result) });
    const outcome = classify(result, delivery.attempts + 1, delivery.backoffMs, retry);
    switch (outcome.type) {
      case 'sent':
        if (await store.markSent(delivery.id, delivery.fence, activityId ?? outcome.activityId, conversationId)) events.emit('sent', delivery);
        else logger.warn({ deliveryId: delivery.id }, 'delivered after the row was claimed again; the new claim will find it');
        return;
      case 'throttled':
        return throttle(delivery, outcome.delayMs, true);
      case 'retry':
        // No answer at all (timeout, dropped connection): the card may have arrived; the next attempt asks first.
        return reschedule(delivery, { delayMs: outcome.delayMs, backoffMs: outcome.delayMs, error: errorOf(result), uncertain: noAnswer(result) && !activityId });
      case 'not_installed':
        // The stored conversation is no longer usable: forget it and reach the user again.
        await conversationRefsRepo.forget(deps.db, delivery.recipientId, conversationId);
        return reschedule(delivery, { delayMs: 0, refund: true });
      case 'failed':
        if (outcome.reason === 'user_gone' && reopenable(delivery, activityId, result)) return reopen(delivery, conversationId, errorOf(result));
        return fail(delivery, outcome.reason, errorOf(result));
    }
  }

  /**
   * The stored conversation no longer exists (Teams forgets it when the app is removed and added
   * again), while the person may well exist: forget it, and the next attempt opens a new
   * conversation (installing the app if needed) and sends once more. Only once per delivery: a
   * second 404, or a 404 on the create, is final.
   */
  async function reopen(delivery: ClaimedDelivery, conversationId: string, error: string | undefined): Promise<void> {
    await conversationRefsRepo.forget(deps.db, delivery.recipientId, conversationId);
    logger.info({ deliveryId: delivery.id }, 'stored conversation gone; opening a new one');
    if (await fenced(delivery, store.reschedule(delivery.id, delivery.fence, { delayMs: 0, refund: true, reopen: true, error }))) events.emit('reopened', delivery);
  }

  async function throttle(delivery: ClaimedDelivery, delayMs: number, refund: boolean): Promise<void> {
    deps.localPause.set(delivery.tenantId, Math.max(deps.localPause.get(delivery.tenantId) ?? 0, Date.now() + delayMs));
    await deps.pacer.pause(delivery.tenantId, delayMs);
    await reschedule(delivery, { delayMs, throttled: true, refund });
  }

  /** No conversation yet: create it in this slot (installing the app once if needed); undefined when rescheduled or failed. */
  async function openConversation(delivery: ClaimedDelivery, call: Call): Promise<{ conversationId: string; serviceUrl: string } | undefined> {
    const serviceUrl = await tenantServiceUrl(delivery.tenantId);
    const memberId = delivery.teamsUserId ?? delivery.recipientId;
    for (let installed = false; ; ) {
      const answered = await deps.guard.acquire(delivery.tenantId);
      const result = await deps.connector.createConversation(serviceUrl, { botId: deps.botId, tenantId: delivery.tenantId, memberId });
      answered();
      if (result.ok) {
        await saveReference(delivery, memberId, serviceUrl, result.id);
        return { conversationId: result.id, serviceUrl };
      }
      const outcome = classify(result, delivery.attempts + 1, delivery.backoffMs, retry);
      if (outcome.type === 'not_installed' && deps.installer && !installed) {
        const install = await deps.installer.install({ userId: delivery.recipientId, tenantId: delivery.tenantId });
        if (typeof install === 'object') return void (await reschedule(delivery, { delayMs: install.retryAfterMs }));
        if (install !== 'installed') return void (await fail(delivery, install === 'forbidden' ? 'not_installed' : 'user_gone', `install: ${install}`));
        installed = true;
        if (!(await next(delivery, call))) return void (await reschedule(delivery, { delayMs: 0 }));
        continue;
      }
      // Installed a moment ago but not in the roster yet: Teams needs a little while.
      if (outcome.type === 'not_installed' && installed) return void (await reschedule(delivery, { delayMs: retry.baseMs }));
      if (outcome.type === 'not_installed') return void (await fail(delivery, 'not_installed', errorOf(result)));
      if (outcome.type === 'throttled') return void (await throttle(delivery, outcome.delayMs, false));
      if (outcome.type === 'retry') return void (await reschedule(delivery, { delayMs: outcome.delayMs, backoffMs: outcome.delayMs, error: errorOf(result) }));
      if (outcome.type === 'failed') return void (await fail(delivery, outcome.reason, errorOf(result)));
      return undefined;
    }
  }

  async function saveReference(delivery: ClaimedDelivery, memberId: string, serviceUrl: string, conversationId: string): Promise<void> {
    await conversationRefsRepo.save(deps.db, {
      userId: delivery.recipientId,
      tenantId: delivery.tenantId,
      conversationId,
      serviceUrl,
      botId: deps.botId,
      reference: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: conversationId, tenantId: delivery.tenantId, conversationType: 'personal' },
        user: { id: memberId, aadObjectId: delivery.recipientId },
        bot: deps.botId ? { id: deps.botId } : undefined,
      },
    });
  }

  /**
   * Where the tenant's conversations live; asked once a minute, not once per new conversation. The
   * BOT_SERVICE_URL fallback (no activity from the tenant yet) is never remembered: the tenant's first
   * message brings the real one, and cards waiting for it must use it at their next attempt.
   */
  async function tenantServiceUrl(tenantId: string): Promise<string> {
    const cached = serviceUrls.get(tenantId);
    if (cached && Date.now() - cached.at < 60_000) return cached.url;
    const url = await conversationRefsRepo.anyTenantServiceUrl(deps.db, tenantId);
    if (url === undefined) return deps.defaultServiceUrl;
    serviceUrls.set(tenantId, { url, at: Date.now() });
    return url;
  }

  return {
    run,
    /** A crashed send whose call may still land is not touched until it cannot (no slot needed). */
    defer: (d: ClaimedDelivery) => reschedule(d, { delayMs: d.checkInMs }),
  };
}

interface Call {
  /** The HTTP call was made: a crash or an error after this leaves the card maybe delivered. */
  started: boolean;
  /** The card after the create took its slot (or none was expected). */
  continued: boolean;
}

/** A send (not an update: its card lived in the old conversation) to a conversation that was stored, not just created, and not reopened before. */
const reopenable = (delivery: ClaimedDelivery, activityId: string | undefined, result: ConnectorResult): boolean =>
  !activityId && delivery.kind === 'send' && !!delivery.conversationId && !delivery.reopened && !result.ok && result.code === 'ConversationNotFound';
/** No answer from Teams to a call that was made (a timeout, a dropped connection): the card may have arrived. */
const noAnswer = (r: ConnectorResult) => !r.ok && r.status === 0 && r.code !== TOKEN_LATE;
const errorOf = (r: ConnectorResult) => (r.ok ? undefined : `${r.status} ${r.code ?? ''} ${r.message}`.trim());
