import type { Executor } from '../store/db';
import { checkAnchor, type AnchorRecord, type AnchorStore } from './anchor';
import { AUDIT_CHAINS, type AuditChain } from './kinds';
import { auditRepo } from './repository';

export interface AnchorProblem {
  readonly chain?: AuditChain;
  readonly seq?: number;
  readonly reason: 'anchor_signature' | 'anchor_mismatch' | 'anchor_missing_row' | 'anchor_beyond_head' | 'anchor_key_missing';
  readonly message: string;
}

export interface AnchorReport {
  readonly anchors: number;
  readonly problem?: AnchorProblem;
}

/**
 * Compares the database with every anchor kept outside it. A row the anchors name must still have the
 * anchored hash (a rewrite with recomputed hashes changes every hash from the edited row on, so the
 * first anchor at or after it no longer matches); a row gone is fine only where retention removed the
 * chain's oldest rows (before the chain's first row, which the chain walk links to its checkpoint).
 * The first problem in seq order is named, with the last anchor before it that still matches.
 */
export async function verifyAnchors(ex: Executor, store: AnchorStore, key: Buffer | undefined): Promise<AnchorReport> {
  const lines = await store.readAll();
  if (!key) {
    return lines.length
      ? { anchors: lines.length, problem: { reason: 'anchor_key_missing', message: 'anchors exist but the anchor key (AUDIT_ANCHOR_KEY or the key file) is missing: they cannot be checked' } }
      : { anchors: 0 };
  }
  const anchors: AnchorRecord[] = [];
  for (const line of lines) {
    const record = checkAnchor(key, parse(line.text));
    if (!record) return { anchors: anchors.length, problem: { reason: 'anchor_signature', message: `anchor ${line.source} is not signed by the anchor key: the anchor file was edited` } };
    anchors.push(record);
  }
  const heads = await auditRepo.heads(ex);
  for (const chain of AUDIT_CHAINS) {
    const first = (await auditRepo.page(ex, chain, 0, 1))[0];
    const headSeq = heads.get(chain)?.seq ?? 0;
    let lastGood: AnchorRecord | undefined;
    for (const anchor of anchors.filter((a) => a.chain === chain).sort((a, b) => a.seq - b.seq)) {
      if (!first || anchor.seq < first.seq) continue; // removed by retention, behind the checkpoint
      const problem = await check(ex, chain, anchor, headSeq, lastGood);
      if (problem) return { anchors: anchors.length, problem };
      lastGood = anchor;
    }
  }
  return { anchors: anchors.length };
}

async function check(ex: Executor, chain: AuditChain, anchor: AnchorRecord, headSeq: number, lastGood: AnchorRecord | undefined): Promise<AnchorProblem | undefined> {
  const since = lastGood ? `after seq ${lastGood.seq} (the last anchored row that still matches)` : 'from the start of the chain';
  if (anchor.seq > headSeq) {
    return { chain, seq: anchor.seq, reason: 'anchor_beyond_head', message: `seq ${anchor.seq} was anchored at ${anchor.at} but the chain's head is seq ${headSeq}: the newest rows were removed` };
  }
  const row = await auditRepo.rowAt(ex, chain, anchor.seq);
  if (!row) {
    return { chain, seq: anchor.seq, reason: 'anchor_missing_row', message: `seq ${anchor.seq}, anchored at ${anchor.at}, is gone: rows were removed ${since}` };
  }
  if (row.hash !== anchor.hash) {
    return { chain, seq: anchor.seq, reason: 'anchor_mismatch', message: `seq ${anchor.seq} differs from its hash anchored outside the database at ${anchor.at}: the chain was rewritten at or before seq ${anchor.seq}, ${since}` };
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
