import type { Executor } from '../../store/db';

/** What the JMA trigger needs to know about a tenant's people, and the poller's memory of feed entries. */
export const jmaRepo = {
  async tenantsWithActiveUsers(ex: Executor): Promise<string[]> {
    const r = await ex.query<{ tenant_id: string }>('select distinct tenant_id from users where active');
    return r.rows.map((x) => x.tenant_id);
  },

  /** Active people per prefecture code, by office, home or today's prefecture given after `freshSince` (each person once per code). */
  async employeesByPrefecture(ex: Executor, tenantId: string, freshSince: Date | null = null): Promise<Map<string, number>> {
    const r = await ex.query<{ code: string; n: number }>(
      `select code, count(distinct id)::int as n from (
         select id, office_prefecture as code from users where active and tenant_id = $1 and office_prefecture is not null
         union all select id, home_prefecture from users where active and tenant_id = $1 and home_prefecture is not null
         union all select id, today_prefecture from users where active and tenant_id = $1 and today_prefecture_at >= $2::timestamptz) p
       group by code`,
      [tenantId, freshSince],
    );
    return new Map(r.rows.map((x) => [x.code, x.n]));
  },

  async seen(ex: Executor, entryId: string): Promise<boolean> {
    return (await ex.query('select 1 from jma_seen where entry_id = $1', [entryId])).rows.length > 0;
  },

  async markSeen(ex: Executor, entryId: string): Promise<void> {
    await ex.query('insert into jma_seen (entry_id) values ($1) on conflict do nothing', [entryId]);
  },
};
