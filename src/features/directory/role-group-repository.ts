/** role_group_failures (025_role_group_failures.sql): one row per tenant and role group while Graph cannot read it. */
import type { Executor } from '../../store/db';

export type RoleGroup = 'admin' | 'security';

/** A failure episode that ended: whether the admins were told and whether the role was removed (fail closed). */
export interface EndedEpisode { readonly groupId: string; readonly since: Date; readonly alerted: boolean; readonly closed: boolean }

/** The users column the directory's group sets (the roles service reads it: src/store/roles.ts). */
const COLUMN: Readonly<Record<RoleGroup, string>> = { admin: 'is_admin', security: 'is_security' };

export const roleGroupRepo = {
  /**
   * Starts the episode (or joins the open one): since when the group fails, whether the admins were told
   * and the role removed. Another group configured for the role since starts a new episode.
   */
  async failing(ex: Executor, params: { tenantId: string; role: RoleGroup; groupId: string; at: Date }): Promise<{ since: Date; alerted: boolean; closed: boolean }> {
    await ex.query('delete from role_group_failures where tenant_id = $1 and role = $2 and group_id <> $3', [params.tenantId, params.role, params.groupId]);
    const r = await ex.query<{ failing_since: Date; alerted_at: Date | null; closed_at: Date | null }>(
      `insert into role_group_failures (tenant_id, role, group_id, failing_since) values ($1, $2, $3, $4)
       on conflict (tenant_id, role) do update set group_id = excluded.group_id
       returning failing_since, alerted_at, closed_at`,
      [params.tenantId, params.role, params.groupId, params.at],
    );
    const row = r.rows[0];
    if (!row) throw new Error('role_group_failures: no row after upsert');
    return { since: new Date(row.failing_since), alerted: row.alerted_at !== null, closed: row.closed_at !== null };
  },

  async markAlerted(ex: Executor, tenantId: string, role: RoleGroup, at: Date): Promise<void> {
    await ex.query('update role_group_failures set alerted_at = $3 where tenant_id = $1 and role = $2 and alerted_at is null', [tenantId, role, at]);
  },

  async markClosed(ex: Executor, tenantId: string, role: RoleGroup, at: Date): Promise<void> {
    await ex.query('update role_group_failures set closed_at = $3 where tenant_id = $1 and role = $2 and closed_at is null', [tenantId, role, at]);
  },

  /** Fail closed: nobody in the tenant holds the role through the directory any more; returns how many lost it. */
  async removeRole(ex: Executor, tenantId: string, role: RoleGroup): Promise<number> {
    const column = COLUMN[role];
    const r = await ex.query(`update users set ${column} = false, updated_at = now() where tenant_id = $1 and ${column}`, [tenantId]);
    return r.affectedRows ?? 0;
  },

  /**
   * The group was read, or is no longer configured: the episode (if any) ends and is returned (to the
   * one caller that ended it: replicas syncing at once report it once).
   */
  async recovered(ex: Executor, tenantId: string, role: RoleGroup): Promise<EndedEpisode | undefined> {
    const r = await ex.query<{ group_id: string; failing_since: Date; alerted_at: Date | null; closed_at: Date | null }>(
      'delete from role_group_failures where tenant_id = $1 and role = $2 returning group_id, failing_since, alerted_at, closed_at',
      [tenantId, role],
    );
    const row = r.rows[0];
    return row ? { groupId: row.group_id, since: new Date(row.failing_since), alerted: row.alerted_at !== null, closed: row.closed_at !== null } : undefined;
  },
};
