import type { Db } from '../store/db';

/**
 * The tenant pacer lives in the database so every process shares it: a process reserves `count`
 * consecutive send slots, `1/rate` seconds apart, and learns how long to wait for the first one.
 * A 429 moves the tenant's pause forward; reservations made after it start when the pause ends.
 * Times are computed by the database (one clock for all replicas).
 */
export interface Pacer {
  reserve(tenantId: string, count: number): Promise<{ firstDelayMs: number; intervalMs: number }>;
  pause(tenantId: string, ms: number): Promise<void>;
  pausedForMs(tenantId: string): Promise<number>;
}

export function createPacer(db: Db, ratePerSecond: number): Pacer {
  const intervalSec = 1 / ratePerSecond;
  return {
    async reserve(tenantId, count) {
      const r = await db.query<{ first_delay_ms: number }>(
        `insert into tenant_pacer as p (tenant_id, next_slot_at) values ($1, now() + make_interval(secs => $2::float8 * $3::int))
         on conflict (tenant_id) do update set next_slot_at =
           greatest(p.next_slot_at, now(), coalesce(p.paused_until, now())) + make_interval(secs => $2::float8 * $3::int)
         returning (extract(epoch from (next_slot_at - now())) - $2::float8 * $3::int) * 1000 as first_delay_ms`,
        [tenantId, intervalSec, count],
      );
      const first = Number(r.rows[0]?.first_delay_ms ?? 0);
      return { firstDelayMs: Math.max(0, first), intervalMs: intervalSec * 1000 };
    },
    async pause(tenantId, ms) {
      await db.query(
        `insert into tenant_pacer as p (tenant_id, paused_until) values ($1, now() + make_interval(secs => $2::float8))
         on conflict (tenant_id) do update set paused_until =
           greatest(coalesce(p.paused_until, now()), now() + make_interval(secs => $2::float8))`,
        [tenantId, ms / 1000],
      );
    },
    async pausedForMs(tenantId) {
      const r = await db.query<{ ms: number | null }>(
        `select greatest(0, extract(epoch from (paused_until - now())) * 1000) as ms from tenant_pacer where tenant_id = $1`,
        [tenantId],
      );
      return Number(r.rows[0]?.ms ?? 0);
    },
  };
}
