import type { Executor } from '../../store/db';

/** The pledge rows (table `pledges`): one per person and guideline version. */
export const pledgeRepo = {
  /** Records that the pledge card went out (or was shown); false when it had been already. */
  async markSent(ex: Executor, params: { userId: string; tenantId: string; version: string; at: Date }): Promise<boolean> {
    const r = await ex.query(
      `insert into pledges (user_id, guideline_version, tenant_id, sent_at) values ($1, $2, $3, $4)
       on conflict (user_id, guideline_version) do update set sent_at = $4 where pledges.sent_at is null
       returning user_id`,
      [params.userId, params.version, params.tenantId, params.at],
    );
    return r.rows.length > 0;
  },

  /** Accepts the pledge; the first acceptance's time is kept (a second press, or two at once, changes nothing). */
  async accept(ex: Executor, params: { userId: string; tenantId: string; version: string; at: Date }): Promise<{ acceptedAt: Date; first: boolean }> {
    const updated = await ex.query<{ accepted_at: Date }>(
      `update pledges set accepted_at = $3 where user_id = $1 and guideline_version = $2 and accepted_at is null returning accepted_at`,
      [params.userId, params.version, params.at],
    );
    if (updated.rows[0]) return { acceptedAt: new Date(updated.rows[0].accepted_at), first: true };
    const inserted = await ex.query<{ accepted_at: Date }>(
      `insert into pledges (user_id, guideline_version, tenant_id, accepted_at) values ($1, $2, $3, $4)
       on conflict (user_id, guideline_version) do nothing returning accepted_at`,
      [params.userId, params.version, params.tenantId, params.at],
    );
    if (inserted.rows[0]) return { acceptedAt: new Date(inserted.rows[0].accepted_at), first: true };
    return { acceptedAt: (await pledgeRepo.acceptedAt(ex, params.userId, params.version)) ?? params.at, first: false };
  },

  async acceptedAt(ex: Executor, userId: string, version: string): Promise<Date | undefined> {
    const r = await ex.query<{ accepted_at: Date | null }>('select accepted_at from pledges where user_id = $1 and guideline_version = $2', [userId, version]);
    const at = r.rows[0]?.accepted_at;
    return at ? new Date(at) : undefined;
  },

  /** Of these people, those who accepted the version. */
  async acceptedAmong(ex: Executor, userIds: readonly string[], version: string): Promise<Set<string>> {
    const r = await ex.query<{ user_id: string }>(
      'select user_id from pledges where guideline_version = $1 and accepted_at is not null and user_id = any($2::text[])',
      [version, userIds],
    );
    return new Set(r.rows.map((row) => row.user_id));
  },

  /** People of a tenant (or some of them) sent the version's pledge who have not accepted it, oldest first. */
  async pendingInScope(ex: Executor, params: { tenantId: string; userIds?: readonly string[]; version: string; limit: number }): Promise<{ rows: { userId: string; sentAt: Date }[]; total: number }> {
    const r = await ex.query<{ user_id: string; sent_at: Date; total: number }>(
      `select p.user_id, p.sent_at, count(*) over ()::int as total from pledges p join users u on u.id = p.user_id
        where p.tenant_id = $1 and p.guideline_version = $2 and p.accepted_at is null and p.sent_at is not null and u.active
          and ($3::text[] is null or p.user_id = any($3::text[]))
        order by p.sent_at limit $4`,
      [params.tenantId, params.version, params.userIds ?? null, params.limit],
    );
    return { rows: r.rows.map((row) => ({ userId: row.user_id, sentAt: new Date(row.sent_at) })), total: r.rows[0]?.total ?? 0 };
  },

  /** Active people who never received the version's pledge (the sweep sends it), at most `limit`. */
  async unsent(ex: Executor, version: string, limit: number): Promise<string[]> {
    const r = await ex.query<{ id: string }>(
      `select u.id from users u where u.active and not exists
         (select 1 from pledges p where p.user_id = u.id and p.guideline_version = $1 and (p.sent_at is not null or p.accepted_at is not null))
       order by u.id limit $2`,
      [version, limit],
    );
    return r.rows.map((row) => row.id);
  },
};
