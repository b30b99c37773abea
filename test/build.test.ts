import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Production runs the compiled JavaScript (`npm run build`, then `node dist/main.js`), not tsx.
 * The build goes to a temporary folder laid out like the deployed package: dist/ beside cards/
 * and node_modules/ (links to this checkout's), so files read relative to compiled modules are
 * looked up exactly where production looks them up.
 */
const ROOT = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'anshin-build-'));
const out = path.join(work, 'dist');
const load = createRequire(__filename);

describe('compiled production build', () => {
  const children: ChildProcess[] = [];

  beforeAll(() => {
    symlinkSync(path.join(ROOT, 'cards'), path.join(work, 'cards'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.cjs'), '--out-dir', out], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('carries the migrations and finds the card templates from dist/', () => {
    const migrate = load(path.join(out, 'store/migrate.js')) as { loadMigrations(): { name: string }[] };
    const sources = readdirSync(path.join(ROOT, 'src/store/migrations')).filter((f) => f.endsWith('.sql'));
    expect(sources.length).toBeGreaterThan(0);
    expect(migrate.loadMigrations().map((m) => m.name)).toEqual(sources.sort());

    const render = load(path.join(out, 'cards/render.js')) as { CARDS_DIR: string };
    expect(realpathSync(render.CARDS_DIR)).toBe(realpathSync(path.join(ROOT, 'cards')));
  });

  it('starts with node dist/main.js, answers /healthz, and logs JSON when stdout is not a terminal', async () => {
    const dataDir = path.join(work, 'data');
    const child = spawn(process.execPath, [path.join(out, 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no "listening" line within 20 s')), 20_000);
      let rest = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          let entry: { msg?: string; url?: string };
          try {
            entry = JSON.parse(line) as { msg?: string; url?: string };
          } catch {
            return reject(new Error(`stdout line is not JSON: ${line}`));
          }
          if (entry.msg === 'listening; starting' && entry.url) {
            clearTimeout(timer);
            resolve(entry.url);
          }
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }, 30_000);
});
