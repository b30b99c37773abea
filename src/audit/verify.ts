import type { Db, Executor } from '../store/db';
import { GENESIS_HASH, rowHash } from './hash';
import { AUDIT_CHAINS, AUDIT_KINDS, type AuditChain } from './kinds';
import { auditRepo, type StoredRow } from './repository';

export interface ChainProblem {
  readonly chain: AuditChain;
  /** The row that fails: the edited row, or the first row after a removed one. */
  readonly seq: number;
  readonly reason: 'hash_mismatch' | 'link_mismatch' | 'missing_tail' | 'head_mismatch';
  readonly message: string;
}

export interface VerifyReport {
  readonly rows: number;
  readonly chains: readonly { chain: AuditChain; rows: number; headSeq: number; headHash: string }[];
  readonly problem?: ChainProblem;
}

/** What a retention checkpoint row records (its `data`). */
export interface CheckpointData {
  readonly removedFromSeq: number;
  readonly removedToSeq: number;
  readonly removedRows: number;
  readonly lastRemovedHash: string;
  readonly cutoff: string;
}

const PAGE = 2000;

/**
 * Checks rows one after the other: each row's hash must match its contents, and its prev_hash the
 * previous row's hash. Shared by `audit:verify` and the retention job (which refuses to remove,
 * and so to vouch for, rows that do not check out).
 */
export class ChainWalker {
  private prev: { seq: number | undefined; hash: string };

  constructor(readonly chain: AuditChain, startHash: string) {
    this.prev = { seq: undefined, hash: startHash };
  }

  get last(): { seq: number | undefined; hash: string } {
    return this.prev;
  }

  next(row: StoredRow): ChainProblem | undefined {
    const problem = hashProblem(row) ?? this.linkProblem(row);
    if (!problem) this.prev = { seq: row.seq, hash: row.hash };
    return problem;
  }

  private linkProblem(row: StoredRow): ChainProblem | undefined {
    if (row.prevHash === this.prev.hash) return undefined;
    const before = this.prev.seq === undefined ? 'the start of the chain (genesis or the last retention checkpoint)' : `seq ${this.prev.seq}, the row before it`;
    return { chain: this.chain, seq: row.seq, reason: 'link_mismatch', message: `prev_hash does not match ${before}: a row before it was removed or altered` };
  }
}

function hashProblem(row: StoredRow): ChainProblem | undefined {
  if (rowHash(row) === row.hash) return undefined;
  return { chain: row.chain, seq: row.seq, reason: 'hash_mismatch', message: 'stored hash does not match the row: the row was edited' };
}

/**
 * Where a chain starts now: the genesis hash, or — after retention removed its oldest rows — the
 * hash of the last removed row, as the latest checkpoint in the chain recorded it. The checkpoint's
 * own hash is checked before its word is taken.
 */
export async function chainStart(ex: Executor, chain: AuditChain): Promise<{ hash: string } | { problem: ChainProblem }> {
  const checkpoint = await auditRepo.latestOfKind(ex, chain, AUDIT_KINDS.checkpoint);
  if (!checkpoint) return { hash: GENESIS_HASH };
  const problem = hashProblem(checkpoint);
  if (problem) return { problem };
  return { hash: (checkpoint.data as unknown as CheckpointData).lastRemovedHash };
}

/** Walks every chain from its start to its head and reports the first broken link. */
export async function verifyAuditLog(db: Db): Promise<VerifyReport> {
  // One snapshot: rows appended while the walk runs must not look like a moved head.
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    const heads = await auditRepo.heads(tx);
    const chains: { chain: AuditChain; rows: number; headSeq: number; headHash: string }[] = [];
    let total = 0;
    for (const chain of AUDIT_CHAINS) {
      const head = heads.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
      const result = await walk(tx, chain, head);
      total += result.rows;
      chains.push({ chain, rows: result.rows, headSeq: head.seq, headHash: head.hash });
      if (result.problem) return { rows: total, chains, problem: result.problem };
    }
    return { rows: total, chains };
  });
}

async function walk(tx: Executor, chain: AuditChain, head: { seq: number; hash: string }): Promise<{ rows: number; problem?: ChainProblem }> {
  const start = await chainStart(tx, chain);
  if ('problem' in start) return { rows: 0, problem: start.problem };
  const walker = new ChainWalker(chain, start.hash);
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await auditRepo.page(tx, chain, after, PAGE);
    for (const row of page) {
      const problem = walker.next(row);
      if (problem) return { rows, problem };
      rows += 1;
    }
    if (page.length < PAGE) break;
    after = (page[page.length - 1] as StoredRow).seq;
  }
  const last = walker.last;
  // An empty chain that never had a row ends where its head starts: seq 0 and the genesis hash.
  const lastSeq = last.seq ?? 0;
  if (lastSeq === head.seq && last.hash === head.hash) return { rows };
  if (lastSeq < head.seq) {
    const end = last.seq === undefined ? 'the chain is empty' : `the chain ends at seq ${last.seq}`;
    return { rows, problem: { chain, seq: head.seq, reason: 'missing_tail', message: `${end}, but its head records seq ${head.seq}: the newest rows were removed` } };
  }
  return { rows, problem: { chain, seq: lastSeq, reason: 'head_mismatch', message: `the chain ends at seq ${lastSeq}, but its head records seq ${head.seq}: the head or the last row was altered` } };
}

/** One line for people: what `npm run audit:verify` prints. */
export function describeReport(report: VerifyReport): string {
  if (!report.problem) return `audit log intact: ${report.rows} rows`;
  const p = report.problem;
  return `audit log BROKEN at seq ${p.seq} (${p.chain} chain): ${p.message}`;
}
