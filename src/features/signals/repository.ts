import type { SignalEvent, SignalType } from '../../domain/signals/event';
import type { Executor } from '../../store/db';

/** An accepted event as stored (the job reads it back by id). */
export interface StoredSignal {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly type: SignalType;
  readonly occurredAt: Date;
  readonly processed: boolean;
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
  device?: { id?: string; serial?: string; name?: string } | null;
}

export const signalsRepo = {
  /**
   * Stores events (ids unique within the call) in one statement; returns the ids it wrote. An id
   * stored already (a replay) is left as it is.
   */
  async insertMany(tx: Executor, rows: readonly { event: SignalEvent; owner: { id: string; tenantId: string } }[], receivedAt: Date): Promise<Set<string>> {
    const r = await tx.query<{ id: string }>(
      `insert into signals (id, tenant_id, user_id, type, occurred_at, device, data, received_at)
       select e.id, e.tenant_id, e.user_id, e.type, e.occurred_at, e.device, e.data, $2
       from jsonb_to_recordset($1::jsonb) as e(id text, tenant_id text, user_id text, type text, occurred_at timestamptz, device jsonb, data jsonb)
       on conflict (id) do nothing returning id`,
      [
        JSON.stringify(
          rows.map(({ event, owner }) => ({
            id: event.id, tenant_id: owner.tenantId, user_id: owner.id, type: event.type, occurred_at: event.occurredAt, device: event.device ?? null, data: event.data ?? null,
          })),
        ),
        receivedAt,
      ],
    );
    return new Set(r.rows.map((row) => row.id));
  },

  /** Which of these ids are stored. */
  async existing(ex: Executor, ids: readonly string[]): Promise<Set<string>> {
    const r = await ex.query<{ id: string }>('select id from signals where id = any($1::text[])', [ids]);
    return new Set(r.rows.map((row) => row.id));
  },

  async get(ex: Executor, id: string): Promise<StoredSignal | undefined> {
    const r = await ex.query<Row>('select id, tenant_id, user_id, type, occurred_at, processed_at, device from signals where id = $1', [id]);
    const row = r.rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      userId: row.user_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at),
      processed: row.processed_at !== null,
      device: row.device ?? undefined,
    };
  },

  /** True only for the first caller: the mark that a retried or repeated job checks. */
  async markProcessed(ex: Executor, id: string, at: Date): Promise<boolean> {
    const r = await ex.query('update signals set processed_at = $2 where id = $1 and processed_at is null returning id', [id, at]);
    return r.rows.length === 1;
  },
};
