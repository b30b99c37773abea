import type { Db, Executor } from '../store/db';
import type { FailureReason } from './policy';

/** A claimed delivery, joined with where to send it. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly key: string;
  readonly tenantId: string;
  readonly recipientId: string;
  readonly kind: 'send' | 'update';
  readonly createdAt: Date;
  readonly activity: Record<string, unknown>;
  readonly updateOf: string | null;
  /** For an update of a card that was not sent through the outbox (an invoke response). */
  readonly targetActivityId: string | null;
  readonly attempts: number;
  readonly throttled: number;
  readonly backoffMs: number;
  /** The previous owner crashed after starting the HTTP call: it may have been delivered. */
  readonly uncertain: boolean;
  readonly serviceUrl: string | null;
  readonly conversationId: string | null;
}

interface ClaimRow {
  id: number;
  idempotency_key: string;
  tenant_id: string;
  recipient_id: string;
  kind: 'send' | 'update';
  created_at: Date | string;
  activity: Record<string, unknown>;
  update_of: string | null;
  target_activity_id: string | null;
  attempts: number;
  throttled: number;
  backoff_ms: number;
  uncertain: boolean;
  service_url: string | null;
  conversation_id: string | null;
}

export function createDeliveryStore(db: Db) {
  return {
    /**
     * Claims due deliveries with SKIP LOCKED: due queued/retrying rows, rows whose claimer died
     * before sending (expired 'claimed'), and rows whose sender died mid-call (expired 'sending',
     * returned as uncertain). Tenants paused by a 429 are left alone.
     */
    async claim(owner: string, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
      const r = await db.query<ClaimRow>(
        `with due as (
           select d.id, d.recipient_id, (d.status = 'sending' or d.uncertain) as uncertain from deliveries d
           where ((d.status in ('queued', 'retrying') and d.next_attempt_at <= now())
               or (d.status in ('claimed', 'sending') and d.lease_until < now()))
             and not exists (select 1 from tenant_pacer p where p.tenant_id = d.tenant_id and p.paused_until > now())
           order by d.next_attempt_at, d.id
           limit $1
           for update of d skip locked),
         j as (select due.id, due.uncertain, c.service_url, c.conversation_id
               from due left join conversation_refs c on c.user_id = due.recipient_id)
         update deliveries d set status = 'claimed', lease_owner = $2,
           lease_until = now() + make_interval(secs => $3::int), updated_at = now()
         from j where d.id = j.id
         returning d.id, d.idempotency_key, d.tenant_id, d.recipient_id, d.kind, d.created_at,
           coalesce(d.activity, (select p.activity from delivery_payloads p where p.id = d.payload_id)) as activity,
           d.update_of, d.target_activity_id, d.attempts, d.throttled, d.backoff_ms, j.uncertain, j.service_url, j.conversation_id`,
        [limit, owner, leaseSeconds],
      );
      return r.rows.map((x) => ({
        id: x.id,
        key: x.idempotency_key,
        tenantId: x.tenant_id,
        recipientId: x.recipient_id,
        kind: x.kind,
        createdAt: new Date(x.created_at),
        activity: x.activity,
        updateOf: x.update_of,
        targetActivityId: x.target_activity_id,
        attempts: x.attempts,
        throttled: x.throttled,
        backoffMs: x.backoff_ms,
        uncertain: x.uncertain,
        serviceUrl: x.service_url,
        conversationId: x.conversation_id,
      }));
    },

    /** The point after which a crash leaves the delivery uncertain. False if the lease was lost. */
    async markSending(id: number, owner: string): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'sending', attempts = attempts + 1, updated_at = now()
         where id = $1 and lease_owner = $2 and status = 'claimed' returning id`,
        [id, owner],
      );
      return r.rows.length > 0;
    },

    async markSent(id: number, activityId: string, conversationId: string): Promise<void> {
      await db.query(
        `update deliveries set status = 'sent', activity_id = $2, conversation_id = $3, sent_at = now(), uncertain = false,
           lease_owner = null, lease_until = null, last_error = null, updated_at = now() where id = $1`,
        [id, activityId, conversationId],
      );
    },

    /** Back to the queue after `delayMs`; `backoffMs` is remembered for the next jittered delay. */
    async reschedule(
      id: number,
      p: { delayMs: number; throttled?: boolean; backoffMs?: number; error?: string; refund?: boolean; uncertain?: boolean },
    ): Promise<void> {
      await db.query(
        `update deliveries set status = 'retrying', next_attempt_at = now() + make_interval(secs => $2::float8),
           throttled = throttled + $3::int, backoff_ms = coalesce($4, backoff_ms), last_error = coalesce($5, last_error),
           attempts = attempts - $6::int, uncertain = $7, lease_owner = null, lease_until = null, updated_at = now() where id = $1`,
        [id, p.delayMs / 1000, p.throttled ? 1 : 0, p.backoffMs ?? null, p.error ?? null, p.refund ? 1 : 0, p.uncertain ?? false],
      );
    },

    async markFailed(id: number, reason: FailureReason, error?: string): Promise<void> {
      await db.query(
        `update deliveries set status = 'failed', failure_reason = $2, last_error = $3, lease_owner = null,
           lease_until = null, updated_at = now() where id = $1`,
        [id, reason, error ?? null],
      );
    },

    /** Releases rows this process claimed but did not start (graceful shutdown). */
    async release(owner: string): Promise<void> {
      await db.query(
        `update deliveries set status = 'retrying', lease_owner = null, lease_until = null, updated_at = now()
         where lease_owner = $1 and status = 'claimed'`,
        [owner],
      );
    },

    async target(key: string): Promise<{ status: string; activityId: string | null; conversationId: string | null } | undefined> {
      const r = await db.query<{ status: string; activity_id: string | null; conversation_id: string | null }>(
        'select status, activity_id, conversation_id from deliveries where idempotency_key = $1',
        [key],
      );
      const row = r.rows[0];
      return row ? { status: row.status, activityId: row.activity_id, conversationId: row.conversation_id } : undefined;
    },
  };
}
export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

export async function anyTenantServiceUrl(ex: Executor, tenantId: string): Promise<string | undefined> {
  const r = await ex.query<{ service_url: string }>(
    'select service_url from conversation_refs where tenant_id = $1 order by updated_at desc limit 1',
    [tenantId],
  );
  return r.rows[0]?.service_url;
}
