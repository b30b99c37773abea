import type { Executor } from './db';

/** A Bot Framework conversation reference, kept as the plain JSON the SDK produces. */
export interface StoredReference {
  readonly userId: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly botId?: string;
  readonly reference: Record<string, unknown>;
}

interface RefRow {
  user_id: string;
  tenant_id: string;
  conversation_id: string;
  service_url: string;
  bot_id: string | null;
  reference: Record<string, unknown>;
}

/**
 * The stored reference `r` (of user $1) is the one given as $2–$6, but for the id of the activity it
 * came from: nothing to write. Also used by the turn's single read (src/store/users.ts `knownAsBefore`).
 */
export const SAME_REFERENCE = `r.tenant_id = $2 and r.conversation_id = $3 and r.service_url = $4
  and r.bot_id is not distinct from $5 and r.reference - 'activityId' = $6::jsonb - 'activityId'`;

export const sameReferenceParams = (ref: StoredReference): unknown[] => [ref.userId, ref.tenantId, ref.conversationId, ref.serviceUrl, ref.botId ?? null, JSON.stringify(ref.reference)];

export const conversationRefsRepo = {
  /** Stores the reference; true when the bot had none for this user before (first contact). */
  async save(ex: Executor, ref: StoredReference): Promise<boolean> {
    // Saved on every turn and nearly always unchanged but for the id of the activity it came from
    // (which proactive sends never use): compare first, so the common case writes nothing.
    const same = await ex.query(`select 1 from conversation_refs r where r.user_id = $1 and ${SAME_REFERENCE}`, sameReferenceParams(ref));
    if (same.rows.length) return false;
    const r = await ex.query<{ created: boolean }>(
      `insert into conversation_refs (user_id, tenant_id, conversation_id, service_url, bot_id, reference)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (user_id) do update set tenant_id = excluded.tenant_id, conversation_id = excluded.conversation_id,
         service_url = excluded.service_url, bot_id = excluded.bot_id, reference = excluded.reference, updated_at = now()
       where conversation_refs.reference is distinct from excluded.reference
       returning (xmax = 0) as created`,
      [ref.userId, ref.tenantId, ref.conversationId, ref.serviceUrl, ref.botId ?? null, JSON.stringify(ref.reference)],
    );
    return r.rows[0]?.created === true;
  },

  async get(ex: Executor, userId: string): Promise<StoredReference | undefined> {
    const r = await ex.query<RefRow>('select * from conversation_refs where user_id = $1', [userId]);
    const row = r.rows[0];
    return row
      ? {
          userId: row.user_id,
          tenantId: row.tenant_id,
          conversationId: row.conversation_id,
          serviceUrl: row.service_url,
          botId: row.bot_id ?? undefined,
          reference: row.reference,
        }
      : undefined;
  },

  /** The conversation no longer works (Teams said so): the next card opens a new one. Keeps a newer reference. */
  async forget(ex: Executor, userId: string, conversationId: string): Promise<void> {
    await ex.query('delete from conversation_refs where user_id = $1 and conversation_id = $2', [userId, conversationId]);
  },

  /** Where the tenant's conversations live (its most recently stored reference's service URL). */
  async anyTenantServiceUrl(ex: Executor, tenantId: string): Promise<string | undefined> {
    const r = await ex.query<{ service_url: string }>(
      'select service_url from conversation_refs where tenant_id = $1 order by updated_at desc limit 1',
      [tenantId],
    );
    return r.rows[0]?.service_url;
  },
};
