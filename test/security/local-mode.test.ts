import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp } from '../support/app';
import { openTestPglite } from '../support/db';
import { captureLog } from '../support/log-capture';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE_DIRECTORY = path.join(ROOT, 'scripts/local/directory.json');
const SAMPLE_ADMIN = '00000000-0000-4000-a000-000000000101';
/** A real bot registration (no JWT is checked by these tests: they never post an activity). */
const BOT = { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-hr', GRAPH_ENABLED: 'false' };

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};


describe('local mode (no bot credentials) is loopback-only and PGlite-only', () => {
  it('stays the default, on any loopback address', () => {
    expect(loadConfig({})).toMatchObject({ localMode: true, host: '127.0.0.1' });
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(problemsOf({ HOST: host }), host).toEqual([]);
  });

  it('refuses another address with one clear line', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      const problems = problemsOf({ HOST: host });
      expect(problems, host).toHaveLength(1);
      expect(problems[0]).toMatch(/^HOST: .*local mode.*loopback/);
    }
  });

  it('refuses DATABASE_URL with one clear line', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://u@db:5432/anshin' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL: .*local mode/);
  });

  it('`npm start` with HOST=0.0.0.0 and no credentials exits 1 with one line naming the problem', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const problems = run.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/HOST: .*local mode/);
    expect(run.stdout).not.toMatch(/listening/);
  });

  it('says so in one line at start', async () => {
    const log = captureLog();
    const app = await startTestApp({}, { overrides: { logger: log.logger } });
    await app.stop();
    const notices = log.lines().filter((l) => /local mode/.test(l.msg));
    expect(notices.map((l) => l.msg)).toEqual(['local mode: no authentication, listening on 127.0.0.1 only']);
    expect(notices[0]?.level).toBe(40); // warn
  });

  it('says nothing of the kind outside local mode', async () => {
    const log = captureLog();
    const app = await startTestApp({ ...BOT, HOST: '127.0.0.1' }, { overrides: { logger: log.logger } });
    await app.stop();
    expect(log.lines().filter((l) => /local mode:/.test(l.msg))).toEqual([]);
  });
});

describe('the directory file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-dir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('local mode imports the sample directory with its sample admin', async () => {
    const app = await startTestApp({ DIRECTORY_FILE: SAMPLE_DIRECTORY });
    try {
      const admin = await app.db.query<{ is_admin: boolean }>('select is_admin from users where id = $1', [SAMPLE_ADMIN]);
      expect(admin.rows).toEqual([{ is_admin: true }]);
    } finally {
      await app.stop();
    }
  });

  it('outside local mode, the sample directory (a tenant that is not allowed) stops the start and imports nobody', async () => {
    const db = await openTestPglite();
    try {
      await expect(startTestApp({ ...BOT, HOST: '127.0.0.1', DIRECTORY_FILE: SAMPLE_DIRECTORY }, { db })).rejects.toThrow(/directory file .*tenant .* not allowed/);
      expect((await db.query('select id from users')).rows).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('outside local mode, an HR export for an allowed tenant is imported', async () => {
    const file = path.join(dir, 'hr.json');
    writeFileSync(file, JSON.stringify({ tenantId: 'tenant-hr', users: [{ aadObjectId: 'hr-1', name: 'Suzuki', isAdmin: true }] }));
    const app = await startTestApp({ ...BOT, HOST: '127.0.0.1', DIRECTORY_FILE: file });
    try {
      expect((await app.db.query('select id from users')).rows).toEqual([{ id: 'hr-1' }]);
    } finally {
      await app.stop();
    }
  });

  it('outside local mode there is no default directory file', () => {
    expect(loadConfig(BOT).directoryFile).toBeUndefined();
  });
});
