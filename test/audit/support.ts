import type { Db } from '../../src/store/db';

/**
 * Tampering as the database owner would, on an owner connection (`db` must be one: PGlite's single
 * user, or the test server's superuser): the owner can disable the append-only trigger, the app role
 * cannot (protected.test.ts).
 */
export async function asOwner(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('alter table audit_log disable trigger audit_log_no_change');
    await tx.query(sql, params);
    await tx.query('alter table audit_log enable trigger audit_log_no_change');
  });
}

/**
 * An empty log (one database per store and suite keeps the suites fast). Suites on a fake clock far
 * from the database's own clock lower the owner's retention floor (migration 019) to nothing.
 */
export async function resetAuditLog(db: Db, options: { floor?: 'statutory' | 'none' } = {}): Promise<void> {
  await asOwner(db, 'delete from audit_log');
  await db.query('update audit_head set seq = 0, hash = $1', ['0'.repeat(64)]);
  const none = options.floor === 'none';
  await db.query(`update audit_retention_floor set min_age = case when $1 then interval '0' when chain = 'working_time' then interval '5 years' else interval '365 days' end`, [none]);
}

export const seqsOf = async (db: Db, chain: string): Promise<number[]> =>
  (await db.query<{ seq: number }>('select seq from audit_log where chain = $1 order by seq', [chain])).rows.map((r) => r.seq);
