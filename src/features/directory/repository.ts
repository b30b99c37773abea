/**
 * The directory feature's SQL: people as the directory describes them (users rows, never deleted)
 * and the sync state of each tenant (delta link, which replica is syncing).
 */
import type { Locale } from '../../domain/shared/locale';
import type { Db, Executor } from '../../store/db';

/** One person as a Graph page describes them, ready to store. */
export interface SyncedUser {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly upn: string | null;
  readonly department: string | null;
  /** null: the directory has no preferred language, so the Teams client's may be used. */
  readonly locale: Locale | null;
  readonly officePrefecture: string | null;
  readonly accountEnabled: boolean;
  readonly active: boolean;
  /** undefined: not in this answer, keep the stored manager. */
  readonly managerId: string | null | undefined;
}

export interface PrefectureOverride {
  readonly id: string;
  readonly office?: string;
  readonly home?: string;
}

export interface GroupMembers {
  readonly admin?: ReadonlySet<string>;
  readonly security?: ReadonlySet<string>;
  readonly scope?: ReadonlySet<string>;
}

export const directoryRepo = {
  /** Takes the tenant's sync lease unless another replica holds an unexpired one; returns the stored delta link. */
  async claim(db: Db, tenantId: string, token: string, now: Date, until: Date): Promise<{ deltaLink: string | null } | undefined> {
    await db.query('insert into directory_sync (tenant_id) values ($1) on conflict (tenant_id) do nothing', [tenantId]);
    const r = await db.query<{ delta_link: string | null }>(
      `update directory_sync set lease_token = $2, lease_until = $4, updated_at = now()
       where tenant_id = $1 and (lease_until is null or lease_until < $3) returning delta_link`,
      [tenantId, token, now, until],
    );
    return r.rows[0] ? { deltaLink: r.rows[0].delta_link } : undefined;
  },

  async extendLease(db: Db, tenantId: string, token: string, until: Date): Promise<void> {
    await db.query('update directory_sync set lease_until = $3 where tenant_id = $1 and lease_token = $2', [tenantId, token, until]);
  },

  /** A complete round: the next one starts from `deltaLink`. */
  async finish(ex: Executor, tenantId: string, token: string, params: { deltaLink: string; full: boolean; at: Date }): Promise<void> {
    await ex.query(
      `update directory_sync set delta_link = $3, full_sync_at = case when $4 then $5 else full_sync_at end,
         delta_sync_at = $5, updated_at = now() where tenant_id = $1 and lease_token = $2`,
      [tenantId, token, params.deltaLink, params.full, params.at],
    );
  },

  async release(db: Db, tenantId: string, token: string): Promise<void> {
    await db.query('update directory_sync set lease_token = null, lease_until = null where tenant_id = $1 and lease_token = $2', [tenantId, token]);
  },

  /** Stores a page of people; the manager only where the page names it, the Teams id, schedule and flags untouched. */
  async upsertUsers(ex: Executor, tenantId: string, users: readonly SyncedUser[], params: { at: Date; timeZone: string; locale: Locale }): Promise<void> {
    if (!users.length) return;
    const col = <K extends keyof SyncedUser>(k: K) => users.map((u) => u[k]);
    // A UPN moves to a new account when someone is re-hired: the stale row must let go of it first.
    await ex.query(
      `update users set upn = null where tenant_id = $1 and upn = any($2::text[]) and not (id = any($3::text[]))`,
      [tenantId, users.map((u) => u.upn).filter((upn): upn is string => upn !== null), col('id')],
    );
    await ex.query(
      `insert into users (id, tenant_id, name, email, upn, department, locale, locale_locked, time_zone, office_prefecture,
         account_enabled, active, directory_synced_at)
       select u.id, $1, u.name, u.email, u.upn, u.department, coalesce(u.locale, $2), u.locale is not null, $3, u.office,
         u.enabled, u.active, $4
       from unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bool[], $13::bool[])
         as u (id, name, email, upn, department, locale, office, enabled, active)
       on conflict (id) do update set tenant_id = excluded.tenant_id, name = excluded.name, email = excluded.email,
         upn = excluded.upn, department = excluded.department,
         locale = case when excluded.locale_locked then excluded.locale else users.locale end, locale_locked = excluded.locale_locked,
         office_prefecture = excluded.office_prefecture, account_enabled = excluded.account_enabled, active = excluded.active,
         directory_synced_at = excluded.directory_synced_at, updated_at = now()`,
      [
        tenantId, params.locale, params.timeZone, params.at, col('id'), col('name'), col('email'), col('upn'), col('department'), col('locale'),
        col('officePrefecture'), col('accountEnabled'), col('active'),
      ],
    );
    const managed = users.filter((u) => u.managerId !== undefined);
    if (managed.length) {
      await ex.query(
        `update users set manager_id = m.manager_id from unnest($1::text[], $2::text[]) as m (id, manager_id) where users.id = m.id`,
        [managed.map((u) => u.id), managed.map((u) => u.managerId ?? null)],
      );
    }
  },

  /** People who left the tenant: deactivated and their UPN freed; the row and its history stay. */
  async removeUsers(ex: Executor, tenantId: string, ids: readonly string[], at: Date): Promise<number> {
    if (!ids.length) return 0;
    const r = await ex.query(
      `update users set account_enabled = false, active = false, upn = null, directory_synced_at = $3, updated_at = now()
       where tenant_id = $1 and id = any($2::text[])`,
      [tenantId, ids, at],
    );
    return r.affectedRows ?? 0;
  },

  /** After a full round: people synced before that Graph no longer lists left while nobody was tracking. */
  async deactivateUnseen(ex: Executor, tenantId: string, roundStart: Date): Promise<number> {
    const r = await ex.query(
      `update users set account_enabled = false, active = false, upn = null, updated_at = now()
       where tenant_id = $1 and directory_synced_at < $2 and (account_enabled or active)`,
      [tenantId, roundStart],
    );
    return r.affectedRows ?? 0;
  },

  /** Group membership as it is now, for everyone in the tenant; a group not configured (or unreadable) changes nothing. */
  async applyGroups(ex: Executor, tenantId: string, groups: GroupMembers): Promise<void> {
    for (const [column, members] of [['is_admin', groups.admin], ['is_security', groups.security]] as const) {
      if (!members) continue;
      await ex.query(
        `update users set ${column} = (id = any($2::text[])), updated_at = now() where tenant_id = $1 and ${column} <> (id = any($2::text[]))`,
        [tenantId, [...members]],
      );
    }
    const active = groups.scope ? 'account_enabled and id = any($2::text[])' : 'account_enabled';
    await ex.query(
      `update users set active = ${active}, updated_at = now()
       where tenant_id = $1 and ($2::text[] is not null or directory_synced_at is not null) and active <> (${active})`,
      [tenantId, groups.scope ? [...groups.scope] : null],
    );
  },

  /** The directory file's prefectures win over what the addresses in Graph say. */
  async patchPrefectures(ex: Executor, overrides: readonly PrefectureOverride[]): Promise<void> {
    if (!overrides.length) return;
    await ex.query(
      `update users set office_prefecture = coalesce(o.office, users.office_prefecture),
         home_prefecture = coalesce(o.home, users.home_prefecture), updated_at = now()
       from unnest($1::text[], $2::text[], $3::text[]) as o (id, office, home) where users.id = o.id`,
      [overrides.map((o) => o.id), overrides.map((o) => o.office ?? null), overrides.map((o) => o.home ?? null)],
    );
  },
};
