import type { Db } from '../../src/store/db';

/** Tampering as the database owner would: the append-only trigger stops the application, not them. */
export async function asOwner(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('alter table audit_log disable trigger audit_log_no_change');
    await tx.query(sql, params);
    await tx.query('alter table audit_log enable trigger audit_log_no_change');
  });
}

/** An empty log (one database per store and suite keeps the suites fast). */
export async function resetAuditLog(db: Db): Promise<void> {
  await asOwner(db, 'delete from audit_log');
  await db.query('update audit_head set seq = 0, hash = $1', ['0'.repeat(64)]);
}

export const seqsOf = async (db: Db, chain: string): Promise<number[]> =>
  (await db.query<{ seq: number }>('select seq from audit_log where chain = $1 order by seq', [chain])).rows.map((r) => r.seq);
