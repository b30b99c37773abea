import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Clock } from '../domain/shared/clock';
import type { Executor } from '../store/db';
import { canonicalJson } from './hash';
import { AUDIT_CHAINS, type AuditChain } from './kinds';
import { auditRepo } from './repository';

/**
 * A chain head as it was at `at`, kept outside the database and signed with a key the database never
 * holds. Whoever can rewrite the database (its owner, a backup restore) can recompute every row hash
 * and the head, but not an anchor: `audit:verify` compares the rows with every anchor (docs/audit.md).
 */
export interface AnchorRecord {
  readonly v: 1;
  readonly at: string;
  readonly chain: AuditChain;
  readonly seq: number;
  readonly hash: string;
  /** Which process wrote it (host name): several replicas anchor independently. */
  readonly writer: string;
}
export interface SignedAnchor extends AnchorRecord {
  /** hex HMAC-SHA256(anchor key, canonical JSON of the record without `sig`). */
  readonly sig: string;
}

/** Where anchors go: append-only, never rewritten. The local file below; Azure Blob with an immutability policy in production (docs/audit.md). */
export interface AnchorStore {
  append(anchor: SignedAnchor): Promise<void>;
  /** Every stored anchor as written (unparsed), with where it is, for the verifier. */
  readAll(): Promise<{ readonly source: string; readonly text: string }[]>;
}

const KEY_FILE = 'anchor.key';
const FILE = /^anchors-[A-Za-z0-9._-]+\.jsonl$/;

/** One JSON line per anchor in `<dir>/anchors-<writer>.jsonl`, opened for appending only. */
export function localFileAnchorStore(dir: string, writer = safeName(hostname())): AnchorStore {
  return {
    async append(anchor) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await appendFile(path.join(dir, `anchors-${writer}.jsonl`), `${JSON.stringify(anchor)}\n`, { mode: 0o600, flag: 'a' });
    },
    async readAll() {
      const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => FILE.test(f)).sort();
      const lines: { source: string; text: string }[] = [];
      for (const file of files) {
        const text = await readFile(path.join(dir, file), 'utf8');
        text.split('\n').forEach((line, index) => {
          if (line.trim()) lines.push({ source: `${file}:${index + 1}`, text: line });
        });
      }
      return lines;
    },
  };
}

/**
 * The anchor key: AUDIT_ANCHOR_KEY (Key Vault in production), else a key file next to the anchors,
 * created at first start (local mode). Never written to the database. `create: false` (the verifier)
 * does not invent a key that could not have signed anything.
 */
export async function loadAnchorKey(settings: { dir: string; key?: string }, options: { create: boolean }): Promise<{ key: Buffer; source: 'setting' | 'file' } | undefined> {
  if (settings.key) return { key: Buffer.from(settings.key, 'utf8'), source: 'setting' };
  const file = path.join(settings.dir, KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return { key: Buffer.from(existing.trim(), 'utf8'), source: 'file' };
  if (!options.create) return undefined;
  await mkdir(settings.dir, { recursive: true, mode: 0o700 });
  // 'wx': two processes starting together never overwrite each other's key; the loser reads the winner's.
  await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return { key: Buffer.from((await readFile(file, 'utf8')).trim(), 'utf8'), source: 'file' };
}

function signAnchor(key: Buffer, record: AnchorRecord): SignedAnchor {
  return { ...record, sig: mac(key, record) };
}

/** The record if its signature holds, else undefined. */
export function checkAnchor(key: Buffer, value: unknown): AnchorRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { sig, ...rest } = value as Record<string, unknown>;
  const record = rest as unknown as AnchorRecord;
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) return undefined;
  if (record.v !== 1 || !AUDIT_CHAINS.includes(record.chain) || !Number.isInteger(record.seq) || typeof record.hash !== 'string') return undefined;
  const expected = Buffer.from(mac(key, record), 'hex');
  return timingSafeEqual(expected, Buffer.from(sig, 'hex')) ? record : undefined;
}

/** Anchors every chain's head as it is now. */
export async function anchorHeads(ex: Executor, deps: { store: AnchorStore; key: Buffer; clock: Clock; writer?: string }): Promise<number> {
  const heads = await auditRepo.heads(ex);
  const at = deps.clock.now().toISOString();
  let written = 0;
  for (const chain of AUDIT_CHAINS) {
    const head = heads.get(chain);
    // An empty chain has nothing to vouch for yet.
    if (!head || head.seq === 0) continue;
    await deps.store.append(signAnchor(deps.key, { v: 1, at, chain, seq: head.seq, hash: head.hash, writer: deps.writer ?? safeName(hostname()) }));
    written += 1;
  }
  return written;
}

const mac = (key: Buffer, record: AnchorRecord): string =>
  createHmac('sha256', key).update(canonicalJson({ v: record.v, at: record.at, chain: record.chain, seq: record.seq, hash: record.hash, writer: record.writer })).digest('hex');

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'anshin';
