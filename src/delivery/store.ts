import type { Db, Executor } from '../store/db';
import type { Lane } from './outbox';
import type { FailureReason } from './policy';

/** A claimed delivery, joined with where to send it. */
export interface ClaimedDelivery {
  readonly id: number;
  /** This claim's number: every later write names it, so a worker that lost the row writes nothing. */
  readonly fence: number;
  readonly key: string;
  /** The batch it belongs to (a round's cards, a day's check-ins), told to outcome listeners. */
  readonly batchId: string | null;
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
  /** A previous attempt may have been delivered (its sender died mid-call, or the call timed out). */
  readonly uncertain: boolean;
  /** How often the outcome of that attempt was asked for without an answer. */
  readonly checks: number;
  /** How long until that attempt's call can no longer land (plus settling time); 0 when it is over. */
  readonly checkInMs: number;
  readonly serviceUrl: string | null;
  readonly conversationId: string | null;
  /** The recipient's Teams id (`29:…`) when known, for creating a conversation. */
  readonly teamsUserId: string | null;
  readonly lane: Lane;
  /** Its stored conversation was found gone once and a new one was opened: a second 404 is final. */
  readonly reopened: boolean;
  /** One row of a fan-out (a card shared by many), as opposed to a single message. */
  readonly fanout: boolean;
}

interface ClaimRow {
  id: number;
  fence: number;
  idempotency_key: string;
  batch_id: string | null;
  tenant_id: string;
  recipient_id: string;
  kind: 'send' | 'update';
  created_at: Date | string;
  activity: Record<string, unknown> | null;
  payload_id: number | null;
  update_of: string | null;
  target_activity_id: string | null;
  attempts: number;
  throttled: number;
  backoff_ms: number;
  uncertain: boolean;
  checks: number;
  check_in_ms: number | string;
  service_url: string | null;
  conversation_id: string | null;
  teams_user_id: string | null;
  lane: Lane;
  reopened: boolean;
  rank: number | string;
}

export interface ClaimOptions {
  readonly owner: string;
  readonly limit: number;
  readonly leaseSeconds: number;
  /** A tenant whose send slots are already booked further ahead than this is left to whoever booked them. */
  readonly horizonSeconds: number;
  /** A crashed attempt without a stored deadline (older rows): its start + this is when its call ended. */
  readonly requestTimeoutMs: number;
  /** Time after a call's deadline before its outcome is asked for (Teams and Graph settle). */
  readonly settleMs: number;
  /** Rows whose attempt this worker still runs (maybe mid-call): not taken back if a late renewal let the lease lapse. */
  readonly holding?: readonly number[];
}

export interface Reschedule {
  readonly delayMs: number;
  readonly throttled?: boolean;
  readonly backoffMs?: number;
  readonly error?: string;
  /** The attempt did not count (the tenant was throttled, the conversation was gone). */
  readonly refund?: boolean;
  /** The call got no answer: it may have been delivered, so the next attempt asks first. */
  readonly uncertain?: boolean;
  /** The outcome of a crashed attempt was asked for and nobody could say. */
  readonly checked?: boolean;
  /** The stored conversation was gone: the next attempt opens a new one (recorded on the row). */
  readonly reopen?: boolean;
}

const LIVE = `status in ('claimed', 'sending')`;

export function createDeliveryStore(db: Db) {
  return {
    /**
     * Claims with SKIP LOCKED: rows whose claimer died (expired lease; an expired `sending` row is
     * returned as uncertain), then due rows by lane, single messages before fan-out rows, due time.
     * Paused tenants and tenants booked beyond the horizon are left alone. Each claim bumps the fence.
     */
    async claim(options: ClaimOptions): Promise<ClaimedDelivery[]> {
      const r = await db.query<ClaimRow>(
        `with blocked as (
           select tenant_id from tenant_pacer
           where paused_until > now() or next_slot_at > now() + make_interval(secs => $4::float8)),
         expired as (
           select d.id from deliveries d
           where d.${LIVE} and d.lease_until < now() and d.tenant_id not in (select tenant_id from blocked)
             and d.id <> all($7::bigint[])
           order by d.lease_until limit $1 for update of d skip locked),
         due as (
           select d.id from deliveries d
           where d.status in ('queued', 'retrying') and d.next_attempt_at <= now()
             and d.tenant_id not in (select tenant_id from blocked)
           order by (d.lane = 'bulk'), (d.payload_id is not null), d.next_attempt_at, d.id
           limit $1 for update of d skip locked),
         picked as (
           select d.id, d.recipient_id, coalesce(d.send_deadline, d.updated_at + make_interval(secs => $5::float8)) as deadline,
             row_number() over (order by s.expired desc, (d.lane = 'bulk'), (d.payload_id is not null), d.next_attempt_at, d.id) as rank
           from deliveries d join (select id, true as expired from expired union all select id, false from due) s on s.id = d.id
           order by rank limit $1)
         update deliveries d set status = 'claimed', lease_owner = $2, lease_until = now() + make_interval(secs => $3::float8),
           fence = d.fence + 1, uncertain = d.uncertain or d.status = 'sending', updated_at = now(),
           send_deadline = case when d.uncertain or d.status = 'sending' then picked.deadline else d.send_deadline end
         from picked
           left join conversation_refs c on c.user_id = picked.recipient_id
           left join users u on u.id = picked.recipient_id
         where d.id = picked.id
         returning d.id, d.fence, d.idempotency_key, d.batch_id, d.tenant_id, d.recipient_id, d.kind, d.created_at, d.activity, d.payload_id,
           d.update_of, d.target_activity_id, d.attempts, d.throttled, d.backoff_ms, d.uncertain, d.checks,
           case when d.uncertain then greatest(0, extract(epoch from (picked.deadline - now())) * 1000 + $6::float8) else 0 end as check_in_ms,
           c.service_url, c.conversation_id, u.teams_user_id, d.lane, d.conversation_reopened_at is not null as reopened, picked.rank`,
        [options.limit, options.owner, options.leaseSeconds, options.horizonSeconds, options.requestTimeoutMs / 1000, options.settleMs, options.holding ?? []],
      );
      const payloads = await payloadsOf(db, r.rows);
      return r.rows
        .sort((a, b) => Number(a.rank) - Number(b.rank))
        .map((row) => ({
          id: row.id,
          fence: row.fence,
          key: row.idempotency_key,
          batchId: row.batch_id,
          tenantId: row.tenant_id,
          recipientId: row.recipient_id,
          kind: row.kind,
          createdAt: new Date(row.created_at),
          activity: row.activity ?? payloads.get(row.payload_id ?? -1) ?? {},
          updateOf: row.update_of,
          targetActivityId: row.target_activity_id,
          attempts: row.attempts,
          throttled: row.throttled,
          backoffMs: row.backoff_ms,
          uncertain: row.uncertain,
          checks: row.checks,
          checkInMs: Math.ceil(Number(row.check_in_ms)),
          serviceUrl: row.service_url,
          conversationId: row.conversation_id,
          teamsUserId: row.teams_user_id,
          lane: row.lane,
          reopened: row.reopened,
          fanout: row.payload_id !== null,
        }));
    },

    /** Keeps the leases of rows this worker still holds (claimed, waiting for a slot, or mid-call). */
    async renew(held: readonly { id: number; fence: number }[], leaseSeconds: number): Promise<number> {
      if (!held.length) return 0;
      const r = await db.query<{ id: number }>(
        `update deliveries d set lease_until = greatest(d.lease_until, now() + make_interval(secs => $3::float8))
         from unnest($1::bigint[], $2::int[]) as h (id, fence)
         where d.id = h.id and d.fence = h.fence and d.${LIVE} returning d.id`,
        [held.map((h) => h.id), held.map((h) => h.fence), leaseSeconds],
      );
      return r.rows.length;
    },

    /**
     * Right before the HTTP call: from here a crash leaves the row uncertain until `deadline`, when
     * the call can no longer land. Clears an earlier uncertainty (it was settled before this attempt).
     * The lease is stretched to the deadline in the same statement: while the call may be in flight
     * nobody takes the row, even when renewals come late (a starved event loop, a slow database).
     * False when the claim is no longer ours.
     */
    async markSending(id: number, fence: number, requestTimeoutMs: number): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'sending', attempts = attempts + 1, uncertain = false,
           send_deadline = now() + make_interval(secs => $3::float8), updated_at = now(),
           lease_until = greatest(lease_until, now() + make_interval(secs => $3::float8))
         where id = $1 and fence = $2 and status = 'claimed' returning id`,
        [id, fence, requestTimeoutMs / 1000],
      );
      return r.rows.length > 0;
    },

    /**
     * Teams accepted the card. Also after the row was claimed again (our lease ran out mid-call), as
     * long as the new claim has not started a call of its own: it is still waiting to ask whether
     * ours landed, and now finds the row sent instead of sending it again.
     */
    async markSent(id: number, fence: number, activityId: string, conversationId: string): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'sent', activity_id = $3, conversation_id = $4, sent_at = now(), uncertain = false,
           lease_owner = null, lease_until = null, last_error = null, updated_at = now()
         where id = $1 and (fence = $2 and ${LIVE} or fence > $2 and status in ('claimed', 'retrying')) returning id`,
        [id, fence, activityId, conversationId],
      );
      return r.rows.length > 0;
    },

    /**
     * Back to the queue after `delayMs`; `backoffMs` is remembered for the next jittered delay. An
     * uncertain row stays uncertain until an attempt is started after its outcome was settled.
     */
    async reschedule(id: number, fence: number, retry: Reschedule): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'retrying', next_attempt_at = now() + make_interval(secs => $3::float8),
           throttled = throttled + $4::int, backoff_ms = coalesce($5, backoff_ms), last_error = coalesce($6, last_error),
           attempts = greatest(0, attempts - $7::int), uncertain = uncertain or $8, checks = checks + $9::int,
           conversation_reopened_at = case when $10 then now() else conversation_reopened_at end,
           lease_owner = null, lease_until = null, updated_at = now()
         where id = $1 and fence = $2 and ${LIVE} returning id`,
        [id, fence, retry.delayMs / 1000, retry.throttled ? 1 : 0, retry.backoffMs ?? null, retry.error ?? null, retry.refund ? 1 : 0, retry.uncertain ?? false, retry.checked ? 1 : 0, retry.reopen ?? false],
      );
      return r.rows.length > 0;
    },

    async markFailed(id: number, fence: number, reason: FailureReason, error?: string): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'failed', failure_reason = $3, last_error = $4, lease_owner = null,
           lease_until = null, updated_at = now() where id = $1 and fence = $2 and ${LIVE} returning id`,
        [id, fence, reason, error ?? null],
      );
      return r.rows.length > 0;
    },

    /**
     * An update of a card that a newer update of the same card (same recipient, same target) has
     * overtaken — already sent or on its way: it is cancelled instead of sent, so a late retry (after
     * a 429, say) cannot put the older content back. True when it was cancelled.
     */
    async supersede(delivery: Pick<ClaimedDelivery, 'id' | 'fence' | 'recipientId' | 'updateOf' | 'targetActivityId'>): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = 'cancelled', lease_owner = null, lease_until = null, updated_at = now()
          where id = $1 and fence = $2 and ${LIVE} and exists (
            select 1 from deliveries n where n.recipient_id = $3 and n.kind = 'update' and n.id > $1
              and n.status not in ('cancelled', 'failed') and (n.update_of = $4 or n.target_activity_id = $5))
          returning id`,
        [delivery.id, delivery.fence, delivery.recipientId, delivery.updateOf, delivery.targetActivityId],
      );
      return r.rows.length > 0;
    },

    /** A claimed row given back before its first request (urgent work came first): it keeps its place in line. */
    async putBack(id: number, fence: number): Promise<boolean> {
      const r = await db.query(
        `update deliveries set status = case when attempts = 0 then 'queued' else 'retrying' end, lease_owner = null,
           lease_until = null, updated_at = now() where id = $1 and fence = $2 and status = 'claimed' returning id`,
        [id, fence],
      );
      return r.rows.length > 0;
    },

    /** Releases rows this process claimed but did not start (graceful shutdown). */
    async release(owner: string): Promise<void> {
      await db.query(
        `update deliveries set status = 'retrying', lease_owner = null, lease_until = null, updated_at = now()
         where lease_owner = $1 and status = 'claimed'`,
        [owner],
      );
    },

    async refreshStatistics(): Promise<void> {
      await db.query('analyze deliveries');
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

/** A fan-out's card is stored once: fetch each payload a claim needs once, not once per row. */
async function payloadsOf(ex: Executor, rows: readonly ClaimRow[]): Promise<Map<number, Record<string, unknown>>> {
  const ids = [...new Set(rows.filter((x) => x.activity === null && x.payload_id !== null).map((x) => x.payload_id as number))];
  if (!ids.length) return new Map();
  const r = await ex.query<{ id: number; activity: Record<string, unknown> }>('select id, activity from delivery_payloads where id = any($1::bigint[])', [ids]);
  return new Map(r.rows.map((x) => [x.id, x.activity]));
}
