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
  roundTally: 'round-tally',
  roundNotice: 'round-notice',
} as const;
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

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

export function deliveryKey(purpose: Purpose, recipientId: string, subject: string): string {
  return `${purpose}:${recipientId}:${subject}`;
}

export interface Outbox {
  /** Creates the delivery inside the caller's transaction; false when the key already exists. */
  enqueue(ex: Executor, m: OutboxMessage): Promise<boolean>;
  /**
   * Updates a card in place: the one sent under `updateOf` (by its stored activity id), or the card
   * with `targetActivityId` in the recipient's conversation (e.g. an invoke response).
   */
  enqueueUpdate(ex: Executor, m: OutboxMessage & ({ readonly updateOf: string } | { readonly targetActivityId: string })): Promise<boolean>;
  /** Wakes the local worker after a commit, so a card goes out without waiting for a poll. */
  notify(): void;
}

export function createOutbox(onNotify: () => void): Outbox {
  async function insert(ex: Executor, m: OutboxMessage, kind: 'send' | 'update', updateOf: string | null, targetActivityId: string | null) {
    const r = await ex.query(
      `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, kind, activity, update_of,
         target_activity_id, not_before, next_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()), coalesce($10, now()))
       on conflict (idempotency_key) do nothing returning id`,
      [m.key, m.tenantId, m.batchId, m.purpose, m.recipientId, kind, JSON.stringify(m.activity), updateOf, targetActivityId, m.notBefore ?? null],
    );
    return r.rows.length > 0;
  }
  return {
    enqueue: (ex, m) => insert(ex, m, 'send', null, null),
    enqueueUpdate: (ex, m) =>
      insert(ex, m, 'update', 'updateOf' in m ? m.updateOf : null, 'targetActivityId' in m ? m.targetActivityId : null),
    notify: onNotify,
  };
}
