import type { Executor } from '../../store/db';
import type { DigestScope } from './ports';

/** Read-only queries of the rounds tables for the incident digest (the rounds feature owns them). */
export const roundReads = {
  /** Open rounds of the tenant with the people in scope who have not answered yet. */
  async openWithPending(ex: Executor, scope: DigestScope): Promise<{ roundId: string; kind: string; isDrill: boolean; startedAt: Date; pending: string[] }[]> {
    const r = await ex.query<{ id: string; kind: string; is_drill: boolean; started_at: Date; pending: string[] | null }>(
      `select r.id, r.kind, r.is_drill, r.started_at,
         (select array_agg(p.user_id order by p.user_id) from round_recipients p
          where p.round_id = r.id and p.status = 'pending' and ($2::text[] is null or p.user_id = any($2::text[]))) as pending
       from safety_rounds r where r.tenant_id = $1 and r.status = 'open' order by r.started_at`,
      [scope.tenantId, scope.userIds ?? null],
    );
    return r.rows.map((row) => ({ roundId: row.id, kind: row.kind, isDrill: row.is_drill, startedAt: new Date(row.started_at), pending: row.pending ?? [] }));
  },
};
