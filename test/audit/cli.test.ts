import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUDIT_KINDS } from '../../src/audit/kinds';
import { createAuditLog } from '../../src/audit/log';
import type { Db } from '../../src/store/db';
import { openPglite } from '../../src/store/pglite';
import { testAnchorDir } from '../support/app';
import { createTestPostgres, postgresAvailability } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import type { ScratchPostgres } from '../support/scratch-postgres';
import { asOwner, seqsOf } from './support';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
// A production-like configuration (bot credentials set), so only the store differs between runs.
// Anchors in an empty folder of their own (anchoring itself is tested in protected.test.ts).
const BASE_ENV = { PATH: process.env.PATH ?? '', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 'tenant', LOG_LEVEL: 'silent', AUDIT_ANCHOR_DIR: testAnchorDir() };

function run(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...BASE_ENV, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function seed(db: Db): Promise<void> {
  const audit = createAuditLog({ clock: new FakeClock('2026-11-24T01:00:00Z') });
  for (const user of ['u1', 'u2', 'u3']) {
    await db.transaction((tx) => audit.append(tx, { kind: AUDIT_KINDS.checkinStart, tenantId: 't1', actorId: user, data: { workDate: '2026-11-24' } }));
  }
}

describe.skipIf(!postgresAvailability().run)('npm run audit:verify on PostgreSQL', () => {
  let scratch: ScratchPostgres;
  beforeAll(async () => {
    scratch = await createTestPostgres();
    await seed(scratch.db);
  });
  afterAll(async () => scratch?.drop());

  it('prints "intact" and exits 0, then names an edited row and exits 1', async () => {
    const ok = await run('audit-verify.ts', { DATABASE_URL: scratch.url });
    expect(ok.stdout.split('\n')[0]).toMatch(/^audit log intact: 3 rows, 0 external anchors match/);
    expect(ok.code).toBe(0);
    const [, second] = await seqsOf(scratch.db, 'working_time');
    await asOwner(scratch.db, `update audit_log set actor_id = 'u9' where seq = $1`, [second]);
    const broken = await run('audit-verify.ts', { DATABASE_URL: scratch.url });
    expect(broken.stdout).toContain(`audit log BROKEN at seq ${second} (working_time chain)`);
    expect(broken.code).toBe(1);
  }, 120_000);
});

describe('npm run audit:verify and audit:export on PGlite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'anshin-audit-cli-'));
    const db = await openPglite({ dataDir: path.join(dir, 'data'), loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await seed(db);
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the chain, writes the CSV, and names a deleted row', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const ok = await run('audit-verify.ts', env);
    expect(ok.stdout.split('\n')[0]).toMatch(/^audit log intact: 3 rows, 0 external anchors match/);
    expect(ok.code).toBe(0);

    const out = path.join(dir, 'audit.csv');
    const exported = await run('audit-export.ts', env, ['--from', '2026-11-24', '--to', '2026-11-24', '--out', out]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
    const link = await run('audit-export.ts', { ...env, PUBLIC_BASE_URL: 'https://anshin.example' }, ['--from', '2026-11-24', '--to', '2026-11-30', '--tenant', 't1', '--link']);
    expect(link.stdout).toMatch(/^https:\/\/anshin\.example\/api\/exports\/audit\.csv\?from=2026-11-24&to=2026-11-30&tenant=t1&exp=\d+&sig=[\w-]+\n$/);

    const db = await openPglite({ dataDir: env.DATA_DIR });
    const [first, second] = await seqsOf(db, 'working_time');
    await asOwner(db, 'delete from audit_log where seq = $1', [first]);
    await db.close();
    const broken = await run('audit-verify.ts', env);
    expect(broken.stdout).toContain(`audit log BROKEN at seq ${second} (working_time chain)`);
    expect(broken.code).toBe(1);
    // Four child processes, each opening the embedded database (a few seconds each on a busy machine).
  }, 300_000);
});
