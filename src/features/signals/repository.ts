import type { IncidentDecision } from '../../domain/signals/incident-limit';
import type { SignalEvent, SignalType } from '../../domain/signals/event';
import type { Executor } from '../../store/db';

/** An accepted event as stored (the job reads it back by tenant and id). */
export interface StoredSignal {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly type: SignalType;
  readonly occurredAt: Date;
  readonly processed: boolean;
  /** The incident limit's decision, once taken (device.lost only). */
  readonly limitDecision?: IncidentDecision;
  /** The device the event names (device.* events), as the sender gave it. */
  readonly device?: { readonly id?: string; readonly serial?: string; readonly name?: string };
}

interface Row {
  id: string;
  tenant_id: string;
  user_id: string;
  type: SignalType;
  occurred_at: Date | string;
  processed_at: Date | string | null;
  limit_decision: IncidentDecision | null;
  device?: { id?: string; serial?: string; name?: string } | null;
}

/** Serializes the incident-limit decisions of one tenant across replicas (any constant namespace). */
const LIMIT_LOCK_NAMESPACE = 727_016;

export const signalsRepo = {
  /**
   * Stores one tenant's events (ids unique within the call) in one statement; returns the ids it
   * wrote. An id the tenant stored already (a replay) is left as it is.
   */
  async insertMany(tx: Executor, tenantId: string, rows: readonly { event: SignalEvent; ownerId: string }[], receivedAt: Date): Promise<Set<string>> {
    const r = await tx.query<{ id: string }>(
      `insert into signals (id, tenant_id, user_id, type, occurred_at, device, data, received_at)
       select e.id, $3, e.user_id, e.type, e.occurred_at, e.device, e.data, $2
       from jsonb_to_recordset($1::jsonb) as e(id text, user_id text, type text, occurred_at timestamptz, device jsonb, data jsonb)
       on conflict (tenant_id, id) do nothing returning id`,
      [
        JSON.stringify(
          rows.map(({ event, ownerId }) => ({
            id: event.id, user_id: ownerId, type: event.type, occurred_at: event.occurredAt, device: event.device ?? null, data: event.data ?? null,
          })),
        ),
        receivedAt,
        tenantId,
      ],
    );
    return new Set(r.rows.map((row) => row.id));
  },

  /** Which of these ids the tenant has stored. */
  async existing(ex: Executor, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const r = await ex.query<{ id: string }>('select id from signals where tenant_id = $1 and id = any($2::text[])', [tenantId, ids]);
    return new Set(r.rows.map((row) => row.id));
  },

  /** Jobs queued before event ids were per tenant carry no tenant: then the id alone, if it names one event. */
  async get(ex: Executor, tenantId: string | undefined, id: string): Promise<StoredSignal | undefined> {
    const r = await ex.query<Row>(
      `select id, tenant_id, user_id, type, occurred_at, processed_at, limit_decision, device from signals
        where id = $1 and ($2::text is null or tenant_id = $2) limit 2`,
      [id, tenantId ?? null],
    );
    const row = r.rows.length === 1 ? r.rows[0] : undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      userId: row.user_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at),
      processed: row.processed_at !== null,
      limitDecision: row.limit_decision ?? undefined,
      device: row.device ?? undefined,
    };
  },

  /**
   * Takes (once) the incident-limit decision for a device.lost event: counts the incidents admitted
   * for the person in the last day and for the tenant in the last hour, under the tenant's lock, and
   * stores the decision with the event. A later call returns the stored decision (not fresh).
   */
  async decideIncident(
    tx: Executor,
    signal: { tenantId: string; id: string; userId: string },
    at: Date,
    windows: { personSince: Date; tenantSince: Date },
    decide: (counts: { personLastDay: number; tenantLastHour: number }) => IncidentDecision,
  ): Promise<{ decision: IncidentDecision; fresh: boolean }> {
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LIMIT_LOCK_NAMESPACE, signal.tenantId]);
    const stored = await tx.query<{ limit_decision: IncidentDecision | null }>('select limit_decision from signals where tenant_id = $1 and id = $2', [signal.tenantId, signal.id]);
    const before = stored.rows[0]?.limit_decision;
    if (before) return { decision: before, fresh: false };
    const counts = await tx.query<{ person: number; tenant: number }>(
      `select count(*) filter (where user_id = $2 and decided_at >= $3)::int as person, count(*) filter (where decided_at >= $4)::int as tenant
         from signals where tenant_id = $1 and limit_decision = 'admitted' and decided_at >= least($3, $4)`,
      [signal.tenantId, signal.userId, windows.personSince, windows.tenantSince],
    );
    const row = counts.rows[0] ?? { person: 0, tenant: 0 };
    const decision = decide({ personLastDay: row.person, tenantLastHour: row.tenant });
    await tx.query('update signals set limit_decision = $3, decided_at = $4 where tenant_id = $1 and id = $2', [signal.tenantId, signal.id, decision, at]);
    return { decision, fresh: true };
  },

  /** True only for the first caller: the mark that a retried or repeated job checks. */
  async markProcessed(ex: Executor, tenantId: string, id: string, at: Date): Promise<boolean> {
    const r = await ex.query('update signals set processed_at = $3 where tenant_id = $1 and id = $2 and processed_at is null returning id', [tenantId, id, at]);
    return r.rows.length === 1;
  },

  /**
   * Retention (RETENTION_SIGNALS_DAYS): what the sender said beyond the event itself (`data`, the
   * device's name and serial) is cleared once processed and past the period; id, type, person and
   * times stay for replays, the incident limit and the audit trail.
   */
  async redactOld(ex: Executor, before: Date, limit: number): Promise<number> {
    const r = await ex.query(
      `update signals s set data = null, device = null
         from (select tenant_id, id from signals where received_at < $1 and processed_at is not null and (data is not null or device is not null)
                order by received_at limit $2 for update skip locked) old
        where s.tenant_id = old.tenant_id and s.id = old.id returning s.id`,
      [before, limit],
    );
    return r.rows.length;
  },
};
