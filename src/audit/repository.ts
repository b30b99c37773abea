import type { Executor } from '../store/db';
import type { AuditData, ChainedRow, HashedFields } from './hash';
import type { AuditChain } from './kinds';

/** Serializes every append and retention run across processes (migrations use 727_011). */
const AUDIT_LOCK_KEY = 727_012;

export interface StoredRow extends ChainedRow {
  readonly hash: string;
}

interface DbRow {
  seq: number;
  chain: AuditChain;
  at: Date;
  tenant_id: string | null;
  kind: string;
  actor_id: string | null;
  subject_id: string | null;
  data: AuditData;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, chain, at, tenant_id, kind, actor_id, subject_id, data, prev_hash, hash';

const toRow = (row: DbRow): StoredRow => ({
  seq: row.seq,
  chain: row.chain,
  // pg and PGlite both give a Date; a string would come from a changed type parser.
  at: row.at instanceof Date ? row.at : new Date(row.at),
  tenantId: row.tenant_id,
  kind: row.kind,
  actorId: row.actor_id,
  subjectId: row.subject_id,
  data: row.data,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const auditRepo = {
  /** Held until the caller's transaction ends; re-entrant within it. */
  async lock(tx: Executor): Promise<void> {
    await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  },

  async heads(ex: Executor): Promise<Map<AuditChain, { seq: number; hash: string }>> {
    const r = await ex.query<{ chain: AuditChain; seq: number; hash: string }>('select chain, seq, hash from audit_head');
    return new Map(r.rows.map((h) => [h.chain, { seq: h.seq, hash: h.hash }]));
  },

  /**
   * Appends one row in one round trip (migration 028): the function takes the log's lock, links the
   * row to the chain's head, hashes `[1,<seq>` + middle + `"<prevHash>"]` and inserts it; the insert
   * trigger (migration 019) checks the link and moves the head. Gives the row as stored.
   */
  async append(tx: Executor, row: HashedFields, middle: string): Promise<StoredRow> {
    const r = await tx.query<{ seq: number | string; prev_hash: string; hash: string }>(
      'select seq, prev_hash, hash from audit_append($1, $2, $3, $4, $5, $6, $7::jsonb, $8)',
      [row.chain, row.at, row.tenantId, row.kind, row.actorId, row.subjectId, JSON.stringify(row.data), middle],
    );
    const link = r.rows[0];
    if (!link) throw new Error(`audit chain ${row.chain}: the append returned no row`);
    return { ...row, seq: Number(link.seq), prevHash: link.prev_hash, hash: link.hash };
  },

  /** A chain in seq order, one page at a time. */
  async page(ex: Executor, chain: AuditChain, afterSeq: number, limit: number): Promise<StoredRow[]> {
    const r = await ex.query<DbRow>(`select ${COLUMNS} from audit_log where chain = $1 and seq > $2 order by seq limit $3`, [chain, afterSeq, limit]);
    return r.rows.map(toRow);
  },

  async latestOfKind(ex: Executor, chain: AuditChain, kind: string): Promise<StoredRow | undefined> {
    const r = await ex.query<DbRow>(`select ${COLUMNS} from audit_log where kind = $2 and chain = $1 order by seq desc limit 1`, [chain, kind]);
    return r.rows[0] && toRow(r.rows[0]);
  },

  /**
   * The first row of the chain (in seq order) recorded at or after `at`: everything before it is the
   * prefix retention may remove. By seq, not by time, so a clock that went backwards never makes
   * retention cut a hole into the chain.
   */
  async firstSeqFrom(ex: Executor, chain: AuditChain, at: Date): Promise<number | undefined> {
    const r = await ex.query<{ seq: number }>('select seq from audit_log where chain = $1 and at >= $2 order by seq limit 1', [chain, at]);
    return r.rows[0]?.seq;
  },

  async prefix(ex: Executor, chain: AuditChain, beforeSeq: number | undefined, limit: number): Promise<StoredRow[]> {
    const r = await ex.query<DbRow>(
      `select ${COLUMNS} from audit_log where chain = $1 and ($2::bigint is null or seq < $2) order by seq limit $3`,
      [chain, beforeSeq ?? null, limit],
    );
    return r.rows.map(toRow);
  },

  /**
   * The only delete: the database's own retention function (migration 019) removes the prefix the
   * given checkpoint row names, after checking that it is the chain's oldest rows, that they link up
   * to the checkpoint's lastRemovedHash and that each is past the owner's retention floor.
   */
  async removeCheckpointedPrefix(tx: Executor, chain: AuditChain, checkpointSeq: number): Promise<number> {
    const r = await tx.query<{ removed: number }>('select audit_retention_remove($1, $2) as removed', [chain, checkpointSeq]);
    return r.rows[0]?.removed ?? 0;
  },

  /** One row of a chain by seq (the external anchors name rows by seq). */
  async rowAt(ex: Executor, chain: AuditChain, seq: number): Promise<StoredRow | undefined> {
    const r = await ex.query<DbRow>(`select ${COLUMNS} from audit_log where chain = $1 and seq = $2`, [chain, seq]);
    return r.rows[0] && toRow(r.rows[0]);
  },

  /** Rows for the auditors' CSV: [from, to), oldest first, one page after the (at, seq) cursor. */
  async exportPage(
    ex: Executor,
    params: { from: Date; to: Date; tenantId?: string; after?: { at: Date; seq: number }; limit: number },
  ): Promise<StoredRow[]> {
    const r = await ex.query<DbRow>(
      `select ${COLUMNS} from audit_log
        where at >= $1 and at < $2 and ($3::text is null or tenant_id = $3)
          and ($4::timestamptz is null or (at, seq) > ($4::timestamptz, $5::bigint))
        order by at, seq limit $6`,
      [params.from, params.to, params.tenantId ?? null, params.after?.at ?? null, params.after?.seq ?? 0, params.limit],
    );
    return r.rows.map(toRow);
  },
};
