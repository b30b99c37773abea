import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorHeads, localFileAnchorStore } from '../../src/audit/anchor';
import { verifyAnchors } from '../../src/audit/anchor-verify';
import { rowHash, type AuditData } from '../../src/audit/hash';
import { AUDIT_KINDS, type AuditChain } from '../../src/audit/kinds';
import { appendToChain, createAuditLog } from '../../src/audit/log';
import { verifyAuditLog } from '../../src/audit/verify';
import type { Db } from '../../src/store/db';
import { grantAppRole } from '../../src/store/grants';
import { openStore } from '../../src/store/open';
import { openPostgres } from '../../src/store/postgres';
import { testAnchorDir } from '../support/app';
import { createTestPostgres, postgresAvailability } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import type { ScratchPostgres } from '../support/scratch-postgres';

const ROOT = path.resolve(__dirname, '../..');
const KEY = 'anchor-key-for-tests-0123456789abcdef';
const clock = new FakeClock('2026-11-24T01:00:00Z');
const audit = createAuditLog({ clock });

const withUser = (url: string, user: string): string => {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
};

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function append(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) => audit.append(tx, { kind: AUDIT_KINDS.roundAnswered, tenantId: 't1', actorId: `u${i}`, subjectId: 'r1', data: { ownStatus: 'safe' } }));
    clock.advance({ minutes: 1 });
  }
}

/** What an owner (or anyone with a backup to restore) can do: edit a row and recompute every hash after it, and the head. */
async function rewriteWithRecomputedHashes(owner: Db, chain: AuditChain, seq: number): Promise<void> {
  await owner.transaction(async (tx) => {
    await tx.query('alter table audit_log disable trigger audit_log_no_change');
    const rows = (await tx.query<{ seq: number; at: Date; tenant_id: string | null; kind: string; actor_id: string | null; subject_id: string | null; data: AuditData; prev_hash: string }>(
      'select * from audit_log where chain = $1 order by seq', [chain],
    )).rows;
    let prevHash: string | undefined;
    for (const r of rows) {
      const data = r.seq === seq ? { ownStatus: 'needs_help' } : r.data;
      const fields = { seq: r.seq, chain, at: r.at, tenantId: r.tenant_id, kind: r.kind, actorId: r.actor_id, subjectId: r.subject_id, data, prevHash: prevHash ?? r.prev_hash };
      const hash = rowHash(fields);
      await tx.query('update audit_log set data = $2, prev_hash = $3, hash = $4 where seq = $1', [r.seq, JSON.stringify(data), fields.prevHash, hash]);
      prevHash = hash;
    }
    await tx.query('update audit_head set hash = $2 where chain = $1', [chain, prevHash]);
    await tx.query('alter table audit_log enable trigger audit_log_no_change');
  });
}

function verifyCli(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const base = { PATH: process.env.PATH ?? '', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 'tenant', LOG_LEVEL: 'silent' };
    execFile(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/audit-verify.ts')], { cwd: ROOT, env: { ...base, ...env }, timeout: 120_000 }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

describe.skipIf(!postgresAvailability().run)('the audit log on PostgreSQL with an owner role and an app role', () => {
  const appRole = `anshin_app_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let scratch: ScratchPostgres;
  let app: Db;
  let appUrl: string;

  beforeAll(async () => {
    await onServer(`create role ${appRole} login`);
    // The scratch database is created and migrated by the server's owner role, as DATABASE_OWNER_URL would.
    scratch = await createTestPostgres();
    await grantAppRole(scratch.db, appRole);
    appUrl = withUser(scratch.url, appRole);
    app = await openPostgres({ url: appUrl, poolSize: 2 });
    await append(app, 4);
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
    await onServer(`drop role if exists ${appRole}`);
  });

  it('lets the app role append and read, and the chain verifies', async () => {
    expect((await verifyAuditLog(app)).problem).toBeUndefined();
    expect((await app.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]?.n).toBe(4);
  });

  it.each([
    ['UPDATE a row', `update audit_log set actor_id = 'x'`],
    ['DELETE a row', 'delete from audit_log'],
    ['TRUNCATE the log', 'truncate audit_log'],
    ['drop the append-only trigger', 'drop trigger audit_log_no_change on audit_log'],
    ['disable the trigger', 'alter table audit_log disable trigger audit_log_no_change'],
    ['take the table over', `alter table audit_log owner to current_user`],
    ['move a chain head', `update audit_head set seq = 0`],
    ['lower the retention floor', `update audit_retention_floor set min_age = interval '0'`],
    ['replace the retention function', `create or replace function audit_retention_remove(p_chain text, p_checkpoint_seq bigint) returns integer language sql as 'select 0'`],
  ])('refuses the app role to %s', async (_what, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    expect((await verifyAuditLog(app)).problem).toBeUndefined();
  });

  it('refuses the set_config bypass of the delete guard', async () => {
    await expect(
      app.transaction(async (tx) => {
        await tx.query(`select set_config('anshin.audit_retention', 'on', true)`);
        await tx.query('delete from audit_log');
      }),
    ).rejects.toThrow(/permission denied/);
    expect((await app.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]?.n).toBe(4);
  });

  it('refuses an append that does not continue the chain’s head, and a retention of rows younger than the floor', async () => {
    await expect(app.query(`insert into audit_log (chain, at, kind, data, prev_hash, hash) values ('general', now(), 'round.answered', '{}', $1, $1)`, ['f'.repeat(64)]))
      .rejects.toThrow(/continue the general chain/);
    // A checkpoint that names the (recent) rows: the database refuses to remove them.
    const seqs = (await app.query<{ seq: number; hash: string }>(`select seq, hash from audit_log where chain = 'general' order by seq`)).rows;
    const last = seqs[seqs.length - 1] as { seq: number; hash: string };
    await expect(
      app.transaction(async (tx) => {
        const cp = await appendToChain(tx, { chain: 'general', at: clock.now(), kind: AUDIT_KINDS.checkpoint, data: { removedFromSeq: seqs[0]?.seq ?? 0, removedToSeq: last.seq, removedRows: seqs.length, lastRemovedHash: last.hash, cutoff: clock.now().toISOString() } });
        await tx.query('select audit_retention_remove($1, $2)', ['general', cp.seq]);
      }),
    ).rejects.toThrow(/within the minimum retention/);
    expect((await verifyAuditLog(app)).problem).toBeUndefined();
  });

  it('audit:verify names the broken link after an owner-side rewrite with recomputed hashes, through the external anchors', async () => {
    const dir = testAnchorDir();
    const store = localFileAnchorStore(dir, 'test');
    expect(await anchorHeads(app, { store, key: Buffer.from(KEY), clock })).toBe(1);
    await append(app, 2);
    await anchorHeads(app, { store, key: Buffer.from(KEY), clock });
    const general = (await app.query<{ seq: number }>(`select seq from audit_log where chain = 'general' order by seq`)).rows.map((r) => r.seq);
    const env = { DATABASE_URL: appUrl, DATABASE_OWNER_URL: scratch.url, AUDIT_ANCHOR_DIR: dir, AUDIT_ANCHOR_KEY: KEY };
    const clean = await verifyCli(env);
    expect(clean.stdout.split('\n')[0]).toBe(`audit log intact: ${general.length} rows, 2 external anchors match`);
    expect(clean.code).toBe(0);

    const edited = general[1] as number;
    await rewriteWithRecomputedHashes(scratch.db, 'general', edited);
    // The chain alone cannot tell: every hash and the head were recomputed.
    expect((await verifyAuditLog(app)).problem).toBeUndefined();
    const report = await verifyAnchors(app, store, Buffer.from(KEY));
    expect(report.problem).toMatchObject({ chain: 'general', seq: general[3], reason: 'anchor_mismatch' });
    const broken = await verifyCli(env);
    expect(broken.stdout).toContain(`audit log BROKEN at seq ${general[3]} (general chain): seq ${general[3]} differs from its hash anchored outside the database`);
    expect(broken.stdout).toContain('from the start of the chain');
    expect(broken.code).toBe(1);
  }, 120_000);

  it('openStore migrates as the owner, grants the app role, and warns only when the app role could rewrite the log', async () => {
    const name = `anshin_o_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await onServer(`create database ${name}`);
    const ownerUrl = new URL(process.env.TEST_DATABASE_URL as string);
    ownerUrl.pathname = `/${name}`;
    const warnings: string[] = [];
    const logger = { warn: (msg: string) => void warnings.push(msg) };
    try {
      const db = await openStore({ kind: 'postgres', url: withUser(ownerUrl.toString(), appRole), poolSize: 2, ownerUrl: ownerUrl.toString() }, logger);
      await expect(db.query(`update audit_log set actor_id = 'x'`)).rejects.toThrow(/permission denied/);
      await db.close();
      expect(warnings).toEqual([]);
      // The owner's own URL as the app's: it could rewrite the log, and says so.
      const owned = await openStore({ kind: 'postgres', url: ownerUrl.toString(), poolSize: 2 }, logger);
      await owned.close();
      expect(warnings).toEqual([expect.stringMatching(/^audit log not protected: no DATABASE_OWNER_URL/)]);
    } finally {
      await onServer(`drop database if exists ${name} with (force)`);
    }
  }, 120_000);
});
