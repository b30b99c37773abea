import type { Executor } from '../store/db';

/** Why a message is sent; part of every idempotency key and of the admins' status view. */
export const PURPOSES = {
  checkinStart: 'checkin-start',
  checkinEnd: 'checkin-end',
  checkoutReminder: 'checkout-reminder',
  broadcast: 'broadcast',
  safetyCheck: 'safety-check',
  safetyResend: 'safety-resend',
  safetyAlert: 'safety-alert',
  safetyEscalation: 'safety-escalation',
  roundReport: 'round-report',
  /** A closed drill's summary to its admins (its figures; the console holds the full report). */
  roundSummary: 'round-summary',
  roundTally: 'round-tally',
  roundNotice: 'round-notice',
  screenLockReminder: 'screen-lock-reminder',
  vpnReminder: 'vpn-reminder',
  gapReason: 'gap-reason',
  pledge: 'pledge',
  homeNetwork: 'home-network',
  approval: 'approval',
  digestWellbeing: 'digest-wellbeing',
  digestIncident: 'digest-incident',
  overtimeNotice: 'overtime-notice',
  incidentAlert: 'incident-alert',
  incidentUpdate: 'incident-update',
  appiReminder: 'appi-reminder',
  guidelineDigest: 'guideline-digest',
  /** To the admins: a directory role group cannot be read (and, later, its members lost the role). */
  roleGroupAlert: 'role-group-alert',
} as const;
/** A round's re-sends are numbered (`safety-resend-1`, `-2` …): each is its own key and its own count. */
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES] | `${typeof PURPOSES.safetyResend}-${number}`;

export const resendPurpose = (n: number): Purpose => `${PURPOSES.safetyResend}-${n}`;

/**
 * Urgent work is claimed before bulk work, whatever is queued already: a round's cards leave within
 * a second even behind 10,000 check-in cards. Every purpose names its lane (a new one must, or this
 * does not compile).
 */
export type Lane = 'urgent' | 'bulk';
const LANES: Record<(typeof PURPOSES)[keyof typeof PURPOSES], Lane> = {
  'checkin-start': 'bulk',
  'checkin-end': 'bulk',
  'checkout-reminder': 'bulk',
  broadcast: 'bulk',
  'safety-check': 'urgent',
  'safety-resend': 'urgent',
  'safety-alert': 'urgent',
  'safety-escalation': 'urgent',
  'round-report': 'urgent',
  // Sent with the final report of the same close, so it arrives next to it.
  'round-summary': 'urgent',
  'round-tally': 'urgent',
  'round-notice': 'urgent',
  'screen-lock-reminder': 'bulk',
  'vpn-reminder': 'bulk',
  'gap-reason': 'bulk',
  pledge: 'bulk',
  'home-network': 'bulk',
  // Someone is waiting for the answer (a request, a decision): not behind a day's check-in cards.
  approval: 'urgent',
  'digest-wellbeing': 'bulk',
  'digest-incident': 'bulk',
  'overtime-notice': 'bulk',
  'incident-alert': 'urgent',
  'incident-update': 'urgent',
  'appi-reminder': 'urgent',
  'guideline-digest': 'bulk',
  // Someone may be keeping (or about to lose) rights they should not have: not behind check-in cards.
  'role-group-alert': 'urgent',
};

function laneOf(purpose: Purpose): Lane {
  return purpose.startsWith(`${PURPOSES.safetyResend}-`) ? LANES[PURPOSES.safetyResend] : LANES[purpose as keyof typeof LANES];
}

export interface OutboxMessage {
  /** purpose + recipient + subject (day, round id …): the same key is never sent twice. */
  readonly key: string;
  readonly tenantId: string;
  /** Groups messages for status counts (e.g. a round, or `checkin-start:2026-11-24`). */
  readonly batchId: string;
  readonly purpose: Purpose;
  readonly recipientId: string;
  readonly activity: Record<string, unknown>;
  readonly notBefore?: Date;
}

/** One card to many people: each recipient's key is `deliveryKey(purpose, recipient, subject)`. */
export interface OutboxBulkMessage {
  readonly purpose: Purpose;
  readonly tenantId: string;
  readonly batchId: string;
  /** The part of the key every recipient shares (e.g. the round id). */
  readonly subject: string;
  readonly activity: Record<string, unknown>;
  readonly recipientIds: readonly string[];
}

/** One card to one person: the key, tenant and recipient are derived (`deliveryKey(purpose, to.id, subject)`). */
export interface CardDelivery {
  readonly purpose: Purpose;
  /** The recipient; the delivery belongs to their tenant. */
  readonly to: { readonly id: string; readonly tenantId: string };
  /** What makes this card unique for the person (a day, a round id …): the last part of the key. */
  readonly subject: string;
  /** Groups deliveries for status counts (e.g. a round, or `checkin-start:2026-11-24`). */
  readonly batchId: string;
  readonly activity: Record<string, unknown>;
  readonly notBefore?: Date;
}

/** The idempotency key format, the only place it is written (stored keys and `updateOf` depend on it). */
export function deliveryKey(purpose: Purpose, recipientId: string, subject: string): string {
  return `${purpose}:${recipientId}:${subject}`;
}

export interface Outbox {
  /** Creates the delivery inside the caller's transaction; false when the key already exists. */
  enqueue(ex: Executor, m: OutboxMessage): Promise<boolean>;
  /** `enqueue` with the key, tenant and recipient derived from the card's purpose, person and subject. */
  enqueueFor(ex: Executor, card: CardDelivery): Promise<boolean>;
  /**
   * Updates a card in place: the one sent under `updateOf` (by its stored activity id), or the card
   * with `targetActivityId` in the recipient's conversation (e.g. an invoke response).
   */
  enqueueUpdate(ex: Executor, m: OutboxMessage & ({ readonly updateOf: string } | { readonly targetActivityId: string })): Promise<boolean>;
  /**
   * The same card to many recipients inside the caller's transaction: the activity is stored once and
   * every recipient's row points at it. Returns how many deliveries are new (existing keys are skipped).
   */
  enqueueMany(ex: Executor, m: OutboxBulkMessage): Promise<number>;
  /** Cancels what of a batch has not gone out yet (queued or waiting for a retry); returns how many. */
  cancelPending(ex: Executor, batchId: string): Promise<number>;
  /** Cancels one delivery by its idempotency key if it has not gone out yet; true when it was cancelled. */
  cancelPendingKey(ex: Executor, key: string): Promise<boolean>;
  /**
   * A person just opened the bot (their first conversation with it): what waits to retry for them
   * goes now, and of each batch in `batchIds` whose every card to them failed because the app was
   * not installed, the newest goes again. Returns how many deliveries were brought forward.
   */
  reachable(ex: Executor, recipientId: string, batchIds: readonly string[]): Promise<number>;
  /** Wakes the local worker after a commit, so a card goes out without waiting for a poll. */
  notify(): void;
}

export function createOutbox(onNotify: () => void): Outbox {
  async function insert(ex: Executor, message: OutboxMessage, kind: 'send' | 'update', updateOf: string | null, targetActivityId: string | null) {
    const r = await ex.query(
      `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, kind, activity, update_of,
         target_activity_id, not_before, next_attempt_at, lane)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()), coalesce($10, now()), $11)
       on conflict (idempotency_key) do nothing returning id`,
      [message.key, message.tenantId, message.batchId, message.purpose, message.recipientId, kind, JSON.stringify(message.activity), updateOf, targetActivityId, message.notBefore ?? null, laneOf(message.purpose)],
    );
    return r.rows.length > 0;
  }
  async function insertMany(ex: Executor, message: OutboxBulkMessage): Promise<number> {
    if (!message.recipientIds.length) return 0;
    // A round's card goes to thousands of people: one payload row, and one statement for all
    // deliveries, whose keys the database builds around each recipient (the key format stays in
    // deliveryKey) and whose ids nobody needs back (the start of a round waits for this statement).
    const [keyPrefix, keySuffix] = deliveryKey(message.purpose, '\u0000', message.subject).split('\u0000');
    const r = await ex.query(
      `with payload as (insert into delivery_payloads (activity) values ($1) returning id)
       insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, payload_id, lane)
       select $5 || k.recipient_id || $6, $2, $3, $4, k.recipient_id, payload.id, $8
       from unnest($7::text[]) as k (recipient_id), payload
       on conflict (idempotency_key) do nothing`,
      [JSON.stringify(message.activity), message.tenantId, message.batchId, message.purpose, keyPrefix, keySuffix, message.recipientIds, laneOf(message.purpose)],
    );
    return r.affectedRows ?? 0;
  }
  async function cancelPending(ex: Executor, batchId: string): Promise<number> {
    const r = await ex.query(
      `update deliveries set status = 'cancelled', updated_at = now() where batch_id = $1 and status in ('queued', 'retrying') returning id`,
      [batchId],
    );
    return r.rows.length;
  }
  async function cancelPendingKey(ex: Executor, key: string): Promise<boolean> {
    const r = await ex.query(
      `update deliveries set status = 'cancelled', updated_at = now() where idempotency_key = $1 and status in ('queued', 'retrying') returning id`,
      [key],
    );
    return r.rows.length > 0;
  }
  async function reachable(ex: Executor, recipientId: string, batchIds: readonly string[]): Promise<number> {
    const waiting = await ex.query(
      `update deliveries set next_attempt_at = now(), updated_at = now()
       where recipient_id = $1 and status = 'retrying' and next_attempt_at > now() returning id`,
      [recipientId],
    );
    if (!batchIds.length) return waiting.rows.length;
    // Only where nothing of the batch reached them: a card they had (or one still on its way) is enough.
    const revived = await ex.query(
      `update deliveries set status = 'retrying', attempts = 0, failure_reason = null, last_error = null,
         next_attempt_at = now(), updated_at = now()
       where id in (
         select max(id) from deliveries
         where recipient_id = $1 and batch_id = any($2::text[]) and kind = 'send'
         group by batch_id
         having bool_and(status = 'failed' and failure_reason = 'not_installed'))
       returning id`,
      [recipientId, batchIds],
    );
    return waiting.rows.length + revived.rows.length;
  }
  return {
    reachable,
    enqueue: (ex, m) => insert(ex, m, 'send', null, null),
    enqueueFor: (ex, { to, subject, ...card }) =>
      insert(ex, { ...card, key: deliveryKey(card.purpose, to.id, subject), tenantId: to.tenantId, recipientId: to.id }, 'send', null, null),
    enqueueUpdate: (ex, message) =>
      insert(ex, message, 'update', 'updateOf' in message ? message.updateOf : null, 'targetActivityId' in message ? message.targetActivityId : null),
    enqueueMany: insertMany,
    cancelPending,
    cancelPendingKey,
    notify: onNotify,
  };
}
