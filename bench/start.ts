/**
 * Start benchmark: the built app (`npm run build`, then production's command, `npm run start:prod`'s,
 * heap flags included) started as a person or an App Service instance starts it, twice per store: how
 * long until it is ready and how much memory it takes, including its peak (the kernel's high-water
 * mark, VmHWM), which the load benchmarks' samplers do not see because they start after the app.
 *
 *   npm run bench:start -- [--store pglite|postgres|both] [--settle 5]
 *
 * PGlite: the first start creates the database in a new data directory (initdb in a short-lived child
 * process, then the migrations), the restart opens it. PostgreSQL (DATABASE_URL or TEST_DATABASE_URL;
 * a scratch database is created, migrated and dropped): both starts find the schema in place.
 * --settle: seconds the app runs after it said it is ready before its memory is read (work started at
 * the start, such as compiling PGlite's hottest WebAssembly functions, finishes meanwhile).
 * Linux only (reads /proc/<pid>/status).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchError, openBenchStore, runPerStore, sleep } from './support';

const { values } = parseArgs({ options: { store: { type: 'string' }, settle: { type: 'string', default: '5' } } });
const ROOT = path.join(__dirname, '..');
const SETTLE_MS = Number(values.settle) * 1000;

interface Started {
  readyMs: number;
  readyRssMb: number;
  settledRssMb: number;
  peakRssMb: number;
  users: number;
}

/** VmRSS and VmHWM (the process's peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Production's start command (package.json start:prod): node, its flags, dist/main.js. */
function productionCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts['start:prod'] ?? '').split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') throw new BenchError(`unexpected start:prod: ${scripts['start:prod']}`);
  return words.slice(1);
}

async function startOnce(env: Record<string, string>): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, productionCommand(), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let users = 0;
  const ready = new Promise<number>((resolve, reject) => {
    // Whole lines only: a chunk may end in the middle of one.
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('"msg":"directory imported"')) users = Number(/"users":(\d+)/.exec(line)?.[1] ?? 0);
        if (line.includes('"msg":"Anshin is ready"')) resolve(performance.now() - began);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.once('exit', (code) => reject(new BenchError(`the app exited with ${code} before it was ready; its log:\n${log}`)));
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    const readyMs = await ready;
    const atReady = memoryOf(child.pid as number);
    await sleep(SETTLE_MS);
    const settled = memoryOf(child.pid as number);
    return { readyMs: Math.round(readyMs), readyRssMb: atReady.rssMb, settledRssMb: settled.rssMb, peakRssMb: settled.peakMb, users };
  } finally {
    clearTimeout(timeout);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

async function run(kind: string): Promise<Record<string, unknown>> {
  if (!existsSync('/proc/self/status')) throw new BenchError('bench:start reads /proc/<pid>/status: Linux only.');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.cjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  let env: Record<string, string>;
  let cleanUp: () => Promise<void>;
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anshin-bench-start-'));
    env = { DATA_DIR: dataDir };
    cleanUp = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const store = await openBenchStore(kind);
    // PostgreSQL is production's store, which needs the bot's registration (nothing is asked of Entra
    // before the first activity); on a loopback address, as the other benchmarks' apps.
    env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'anshin-bench-start-')),
      DATABASE_URL: store.url as string,
      HOST: '127.0.0.1',
      MicrosoftAppId: '00000000-0000-4000-8000-00000000b0b0',
      MicrosoftAppPassword: 'bench-only',
      MicrosoftAppTenantId: 'bench-tenant',
    };
    cleanUp = async () => {
      rmSync(env.DATA_DIR as string, { recursive: true, force: true });
      await store.close();
    };
  }
  try {
    const first = await startOnce(env);
    const again = await startOnce(env);
    return {
      store: kind,
      users: first.users,
      node: process.version,
      'first start ms': first.readyMs,
      'first start: RSS at ready MB': first.readyRssMb,
      'first start: RSS settled MB': first.settledRssMb,
      'first start: peak RSS MB': first.peakRssMb,
      'restart ms': again.readyMs,
      'restart: RSS at ready MB': again.readyRssMb,
      'restart: RSS settled MB': again.settledRssMb,
      'restart: peak RSS MB': again.peakRssMb,
      'peak RSS MB': Math.max(first.peakRssMb, again.peakRssMb),
    };
  } finally {
    await cleanUp();
  }
}

runPerStore(`start benchmark: the built app (npm run start:prod's command) started twice per store, its memory read ${values.settle} s after it is ready`, values.store, run);
