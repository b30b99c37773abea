import type { User, UserScheduleOverride } from '../domain/people/user';
import { localeFromTag } from '../domain/shared/locale';
import type { Executor } from './db';

interface UserRow {
  id: string;
  tenant_id: string;
  teams_user_id: string | null;
  name: string;
  email: string | null;
  locale: string;
  time_zone: string;
  department: string | null;
  manager_id: string | null;
  office_prefecture: string | null;
  home_prefecture: string | null;
  is_admin: boolean;
  private_pc_approved: boolean;
  schedule: UserScheduleOverride | null;
  active: boolean;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  tenantId: r.tenant_id,
  teamsUserId: r.teams_user_id ?? undefined,
  name: r.name,
  email: r.email ?? undefined,
  locale: localeFromTag(r.locale),
  timeZone: r.time_zone,
  department: r.department ?? undefined,
  managerId: r.manager_id ?? undefined,
  officePrefecture: r.office_prefecture ?? undefined,
  homePrefecture: r.home_prefecture ?? undefined,
  isAdmin: r.is_admin,
  privatePcApproved: r.private_pc_approved,
  schedule: r.schedule ?? undefined,
  active: r.active,
});

export type UserUpsert = Omit<User, 'active' | 'teamsUserId'> & { teamsUserId?: string; localeFromDirectory?: boolean };

export const usersRepo = {
  async get(ex: Executor, id: string): Promise<User | undefined> {
    const r = await ex.query<UserRow>('select * from users where id = $1', [id]);
    return r.rows[0] ? toUser(r.rows[0]) : undefined;
  },

  async listActive(ex: Executor, tenantId?: string): Promise<User[]> {
    const r = tenantId
      ? await ex.query<UserRow>('select * from users where active and tenant_id = $1 order by id', [tenantId])
      : await ex.query<UserRow>('select * from users where active order by id');
    return r.rows.map(toUser);
  },

  /** Directory import: the directory is the source of truth for everything but the Teams id. */
  async upsert(ex: Executor, u: UserUpsert): Promise<void> {
    await ex.query(
      `insert into users (id, tenant_id, teams_user_id, name, email, locale, time_zone, department, manager_id,
         office_prefecture, home_prefecture, is_admin, private_pc_approved, schedule, locale_locked)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
       on conflict (id) do update set tenant_id = excluded.tenant_id,
         teams_user_id = coalesce(excluded.teams_user_id, users.teams_user_id), name = excluded.name,
         email = excluded.email, locale = excluded.locale, time_zone = excluded.time_zone,
         department = excluded.department, manager_id = excluded.manager_id,
         office_prefecture = excluded.office_prefecture, home_prefecture = excluded.home_prefecture,
         is_admin = excluded.is_admin, private_pc_approved = excluded.private_pc_approved,
         schedule = excluded.schedule, locale_locked = excluded.locale_locked, active = true, updated_at = now()`,
      [
        u.id, u.tenantId, u.teamsUserId ?? null, u.name, u.email ?? null, u.locale, u.timeZone, u.department ?? null,
        u.managerId ?? null, u.officePrefecture ?? null, u.homePrefecture ?? null, u.isAdmin, u.privatePcApproved,
        u.schedule ? JSON.stringify(u.schedule) : null, u.localeFromDirectory ?? false,
      ],
    );
  },

  /**
   * First contact from someone not (yet) in the directory: create a minimal row, or refresh the
   * Teams id and language of a known one. Never overwrites directory facts.
   */
  async touchFromTeams(
    ex: Executor,
    p: { id: string; tenantId: string; teamsUserId: string; name?: string; locale?: string; defaultTimeZone: string },
  ): Promise<User> {
    const r = await ex.query<UserRow>(
      `insert into users (id, tenant_id, teams_user_id, name, locale, time_zone)
       values ($1, $2, $3, coalesce($4, ''), $5, $6)
       on conflict (id) do update set teams_user_id = excluded.teams_user_id,
         locale = case when $7 and not users.locale_locked then excluded.locale else users.locale end,
         name = case when users.name = '' then excluded.name else users.name end, updated_at = now()
       returning *`,
      [p.id, p.tenantId, p.teamsUserId, p.name ?? null, localeFromTag(p.locale), p.defaultTimeZone, p.locale !== undefined],
    );
    return toUser(r.rows[0] as UserRow);
  },
};
