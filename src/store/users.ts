import type { User, UserScheduleOverride } from '../domain/people/user';
import { localeFromTag } from '../domain/shared/locale';
import { SAME_REFERENCE, sameReferenceParams, type StoredReference } from './conversation-refs';
import type { Executor } from './db';

/** A users row as stored (src/store/roles.ts reads it too). */
export interface UserRow {
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
  /** In `select *`; absent from narrower selects. */
  today_prefecture_at?: Date | null;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  tenantId: row.tenant_id,
  teamsUserId: row.teams_user_id ?? undefined,
  name: row.name,
  email: row.email ?? undefined,
  locale: localeFromTag(row.locale),
  timeZone: row.time_zone,
  department: row.department ?? undefined,
  managerId: row.manager_id ?? undefined,
  officePrefecture: row.office_prefecture ?? undefined,
  homePrefecture: row.home_prefecture ?? undefined,
  isAdmin: row.is_admin,
  privatePcApproved: row.private_pc_approved,
  schedule: row.schedule ?? undefined,
  active: row.active,
  ...(row.today_prefecture_at !== undefined ? { todayPrefectureAt: row.today_prefecture_at } : {}),
});

export type UserUpsert = Omit<User, 'active' | 'teamsUserId'> & { teamsUserId?: string; localeFromDirectory?: boolean; upn?: string };

/** Display names come from Teams and directory files: a bound keeps cards and rows a sane size. */
const MAX_NAME_LENGTH = 256;
const capName = (name: string): string => (name.length <= MAX_NAME_LENGTH ? name : Array.from(name).slice(0, MAX_NAME_LENGTH).join(''));

/** The schedule fields of a person, as stored (users.time_zone, users.schedule): what `scheduleFor` reads. */
export interface ScheduleRow {
  readonly timeZone: string;
  readonly schedule: UserScheduleOverride | null;
}

/** What a Teams turn says about the person speaking. */
type TeamsTouch = { id: string; tenantId: string; teamsUserId: string; name?: string; locale?: string; defaultTimeZone: string };
type KnownRow = UserRow & { locale_locked: boolean };

/** The stored row already says what the turn says: same Teams id, language (unless locked) and a name. */
function asBefore(known: KnownRow, touch: TeamsTouch): boolean {
  const sameLocale = touch.locale === undefined || known.locale_locked || known.locale === localeFromTag(touch.locale);
  return known.teams_user_id === touch.teamsUserId && sameLocale && (known.name !== '' || !touch.name);
}

export const usersRepo = {
  async get(ex: Executor, id: string): Promise<User | undefined> {
    const r = await ex.query<UserRow>('select * from users where id = $1', [id]);
    return r.rows[0] ? toUser(r.rows[0]) : undefined;
  },

  /** A user of this tenant only: what every lookup on behalf of a tenant's admin or manager uses. */
  /**
   * Where the person works today when it is neither home nor office (start check-in): rounds by
   * prefecture reach them there while it is fresh, and the next start card suggests it again.
   */
  async setTodayPrefecture(ex: Executor, user: Pick<User, 'id' | 'todayPrefectureAt'>, code: string | undefined, at: Date): Promise<void> {
    // Without a prefecture (home, office) only the freshness goes: the last one stays as the suggestion.
    // Home or office nearly every day: the row is written only when it still says where they were, and
    // not even asked when the person as read this turn had none.
    if (code === undefined) {
      if (user.todayPrefectureAt !== null) await ex.query('update users set today_prefecture_at = null where id = $1 and today_prefecture_at is not null', [user.id]);
    } else await ex.query('update users set today_prefecture = $2, today_prefecture_at = $3 where id = $1', [user.id, code, at]);
  },

  /** The last prefecture the person gave as today's (a suggestion, however old). */
  async lastTodayPrefecture(ex: Executor, userId: string): Promise<string | undefined> {
    const r = await ex.query<{ today_prefecture: string | null }>('select today_prefecture from users where id = $1', [userId]);
    return r.rows[0]?.today_prefecture ?? undefined;
  },

  async getInTenant(ex: Executor, tenantId: string, id: string): Promise<User | undefined> {
    const r = await ex.query<UserRow>('select * from users where id = $1 and tenant_id = $2', [id, tenantId]);
    return r.rows[0] ? toUser(r.rows[0]) : undefined;
  },

  /** The given people who belong to the tenant, in the order of `ids` (others are left out). */
  async manyInTenant(ex: Executor, tenantId: string, ids: readonly string[]): Promise<User[]> {
    if (!ids.length) return [];
    const r = await ex.query<UserRow>('select * from users where tenant_id = $1 and id = any($2::text[])', [tenantId, ids]);
    const byId = new Map(r.rows.map((row) => [row.id, toUser(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  },

  /** Names of the given people who belong to the tenant (others are left out, never named). */
  async namesInTenant(ex: Executor, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const r = await ex.query<{ id: string; name: string }>('select id, name from users where tenant_id = $1 and id = any($2::text[])', [tenantId, ids]);
    return new Map(r.rows.map((u) => [u.id, u.name]));
  },

  async listActive(ex: Executor, tenantId?: string): Promise<User[]> {
    const r = tenantId
      ? await ex.query<UserRow>('select * from users where active and tenant_id = $1 order by id', [tenantId])
      : await ex.query<UserRow>('select * from users where active order by id');
    return r.rows.map(toUser);
  },

  /** The tenant's active people, or only a manager's active direct reports (the console's scopes). */
  async listActiveInScope(ex: Executor, tenantId: string, managerId?: string): Promise<User[]> {
    const r = await ex.query<UserRow>('select * from users where active and tenant_id = $1 and ($2::text is null or manager_id = $2) order by id', [tenantId, managerId ?? null]);
    return r.rows.map(toUser);
  },

  /** Ids of the tenant's people who have at least one active direct report (the console's managers). */
  async managerIds(ex: Executor, tenantId?: string): Promise<Set<string>> {
    const r = await ex.query<{ manager_id: string }>(
      'select distinct manager_id from users where active and manager_id is not null and ($1::text is null or tenant_id = $1)',
      [tenantId ?? null],
    );
    return new Set(r.rows.map((x) => x.manager_id));
  },

  /** The distinct schedules of the active people (a handful of rows however many people there are): planners. */
  async activeSchedules(ex: Executor): Promise<ScheduleRow[]> {
    const r = await ex.query<{ time_zone: string; schedule: UserScheduleOverride | null }>('select time_zone, schedule from users where active group by time_zone, schedule');
    return r.rows.map((row) => ({ timeZone: row.time_zone, schedule: row.schedule }));
  },

  /** Directory import: the directory is the source of truth for everything but the Teams id. */
  async upsert(ex: Executor, user: UserUpsert): Promise<void> {
    await ex.query(
      `insert into users (id, tenant_id, teams_user_id, name, email, locale, time_zone, department, manager_id,
         office_prefecture, home_prefecture, is_admin, private_pc_approved, schedule, locale_locked, upn)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
       on conflict (id) do update set tenant_id = excluded.tenant_id,
         teams_user_id = coalesce(excluded.teams_user_id, users.teams_user_id), name = excluded.name,
         email = excluded.email, locale = excluded.locale, time_zone = excluded.time_zone,
         department = excluded.department, manager_id = excluded.manager_id,
         office_prefecture = excluded.office_prefecture, home_prefecture = excluded.home_prefecture,
         is_admin = excluded.is_admin, private_pc_approved = excluded.private_pc_approved,
         schedule = excluded.schedule, locale_locked = excluded.locale_locked, upn = excluded.upn, active = true, updated_at = now()`,
      [
        user.id, user.tenantId, user.teamsUserId ?? null, capName(user.name), user.email ?? null, user.locale, user.timeZone, user.department ?? null,
        user.managerId ?? null, user.officePrefecture ?? null, user.homePrefecture ?? null, user.isAdmin, user.privatePcApproved,
        user.schedule ? JSON.stringify(user.schedule) : null, user.localeFromDirectory ?? false, user.upn?.toLowerCase() ?? null,
      ],
    );
  },

  /**
   * The people external systems (signals webhook) name, in one query: by Entra object id, else by
   * user principal name (stored lower-cased; the email stands in where no UPN is stored), within
   * one tenant only. A UPN or email matching two people there names nobody.
   */
  async findByReferences(ex: Executor, tenantId: string, refs: readonly { aadObjectId?: string; upn?: string }[]): Promise<({ id: string; tenantId: string } | undefined)[]> {
    const ids = refs.flatMap((r) => (r.aadObjectId ? [r.aadObjectId] : []));
    const upns = refs.flatMap((r) => (r.upn ? [r.upn.toLowerCase()] : []));
    // Only in the sender's tenant: a signals secret speaks for one tenant, never for another's people.
    const r = await ex.query<{ id: string; tenant_id: string; upn: string | null; email: string | null }>(
      `select id, tenant_id, upn, lower(email) as email from users
       where tenant_id = $3 and (id = any($1::text[]) or upn = any($2::text[]) or (upn is null and lower(email) = any($2::text[])))`,
      [ids, upns, tenantId],
    );
    const owner = (row: { id: string; tenant_id: string }) => ({ id: row.id, tenantId: row.tenant_id });
    return refs.map((ref) => {
      const byId = ref.aadObjectId ? r.rows.find((row) => row.id === ref.aadObjectId) : undefined;
      if (byId || !ref.upn) return byId && owner(byId);
      const upn = ref.upn.toLowerCase();
      const byUpn = r.rows.filter((row) => row.upn === upn);
      const byEmail = r.rows.filter((row) => row.upn === null && row.email === upn);
      const matches = byUpn.length ? byUpn : byEmail;
      return matches.length === 1 && matches[0] ? owner(matches[0]) : undefined;
    });
  },

  /**
   * The turn's one statement in the common case: the person as stored, when their row and their
   * conversation reference (`ref`, if the turn carries one) need no write. Undefined otherwise (not
   * known, another tenant, a new Teams id, language or name, a changed reference): then the turn
   * runs `touchFromTeams` and `conversationRefsRepo.save` in a transaction.
   */
  async knownAsBefore(ex: Executor, touch: TeamsTouch, ref: StoredReference | undefined): Promise<User | undefined> {
    const r = ref
      ? await ex.query<KnownRow & { ref_same: boolean }>(
          `select u.*, exists (select 1 from conversation_refs r where r.user_id = $1 and ${SAME_REFERENCE}) as ref_same from users u where u.id = $1`,
          sameReferenceParams({ ...ref, userId: touch.id }),
        )
      : await ex.query<KnownRow & { ref_same: boolean }>('select u.*, true as ref_same from users u where u.id = $1', [touch.id]);
    const known = r.rows[0];
    return known && known.ref_same && known.tenant_id === touch.tenantId && asBefore(known, touch) ? toUser(known) : undefined;
  },

  /**
   * First contact from someone not (yet) in the directory: create a minimal row, or refresh the
   * Teams id and language of a known one. Never overwrites directory facts. Undefined (and nothing
   * written) when the id is known in another tenant: a person acts only within their own tenant.
   */
  async touchFromTeams(ex: Executor, touch: TeamsTouch): Promise<User | undefined> {
    // Every turn comes through here: a known person whose Teams id, language and name are as stored
    // costs a read, not a write (a write is a WAL flush on PGlite, a row lock on PostgreSQL).
    const name = touch.name === undefined ? null : capName(touch.name);
    const known = (await ex.query<KnownRow>('select * from users where id = $1', [touch.id])).rows[0];
    if (known && known.tenant_id !== touch.tenantId) return undefined;
    if (known && asBefore(known, touch)) return toUser(known);
    const r = await ex.query<UserRow>(
      `insert into users (id, tenant_id, teams_user_id, name, locale, time_zone)
       values ($1, $2, $3, coalesce($4, ''), $5, $6)
       on conflict (id) do update set teams_user_id = excluded.teams_user_id,
         locale = case when $7 and not users.locale_locked then excluded.locale else users.locale end,
         name = case when users.name = '' then excluded.name else users.name end, updated_at = now()
       where users.tenant_id = excluded.tenant_id
       returning *`,
      [touch.id, touch.tenantId, touch.teamsUserId, name, localeFromTag(touch.locale), touch.defaultTimeZone, touch.locale !== undefined],
    );
    return r.rows[0] ? toUser(r.rows[0]) : undefined;
  },
};
