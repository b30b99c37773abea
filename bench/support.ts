/** Shared parts of the benchmarks: stores, the connector process, percentiles, memory, output. */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { openPglite } from '../src/store/pglite';
import { createScratchPostgres } from '../test/support/scratch-postgres';
import type { CloudRequest, CloudStats } from './cloud-process';
import type { MeterReading } from './app-meter';
import type { ReplicaRequest } from './invoke-replica';

const POSTGRES_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const POSTGRES_HOW = 'set DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and dropped)';
const POSTGRES_HINT = `PostgreSQL skipped: ${POSTGRES_HOW} to measure it too.`;

/** The longest pause between consecutive requests (a lost slot shows up here). */
export function longestGap(sorted: readonly number[]): number {
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, (sorted[i] as number) - (sorted[i - 1] as number));
  return Math.round(gap);
}

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** `--store pglite|postgres|both`; without the option: PGlite, and PostgreSQL when a URL is set. */
export function benchStores(option: string | undefined): string[] {
  const stores = option ? (option === 'both' ? ['pglite', 'postgres'] : [option]) : POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
  if (!stores.includes('postgres')) console.log(POSTGRES_HINT);
  return stores;
}

/**
 * PGlite on disk, as the app runs it. The data directory is created and migrated by a child
 * process first: a new cluster's initdb leaves hundreds of MB of garbage behind, which an app pays
 * once on its very first start, not in every fan-out.
 */
export async function openBenchStore(kind: string): Promise<{ db: Db; url?: string; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anshin-bench-'));
    const init = `(async () => { const db = await require(${JSON.stringify(path.join(__dirname, '../src/store/pglite.ts'))}).openPglite({ dataDir: ${JSON.stringify(dataDir)} });
      await require(${JSON.stringify(path.join(__dirname, '../src/store/migrate.ts'))}).migrate(db); await db.close(); })()`;
    execFileSync(process.execPath, ['--import', 'tsx', '-e', init], { stdio: 'inherit' });
    const db = await openPglite({ dataDir });
    await migrate(db);
    return {
      db,
      async close() {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!POSTGRES_URL) throw new BenchError(`PostgreSQL needs a server: ${POSTGRES_HOW}.`);
  const scratch = await createScratchPostgres(POSTGRES_URL, 'anshin_bench_');
  return { db: scratch.db, url: scratch.url, close: scratch.drop };
}

/** A problem the user can fix from its message alone: printed as one line, without a stack trace. */
export class BenchError extends Error {}

export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof BenchError ? err.message : err);
    process.exit(1);
  });
}

/** One JSON line per store, then the table of all of them. */
export function report(rows: Record<string, unknown>[], row: Record<string, unknown>): void {
  console.log(JSON.stringify(row));
  rows.push(row);
}

/**
 * Runs the benchmark once per store, each in a fresh process of its own, so that one store's memory
 * (RSS never shrinks) does not show in the other's figures; prints each store's JSON line, then the
 * table of all. `--store` picks one store or `both`; without it, PGlite and PostgreSQL when a URL is set.
 */
export function runPerStore(title: string, store: string | undefined, run: (kind: string) => Promise<Record<string, unknown>>): void {
  const main = async () => {
    if (process.env.BENCH_STORE) {
      console.log(JSON.stringify(await run(process.env.BENCH_STORE)));
      return;
    }
    const stores = benchStores(store);
    console.log(title);
    const rows: Record<string, unknown>[] = [];
    for (const kind of stores) {
      let out: string;
      try {
        out = execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
          env: { ...process.env, BENCH_STORE: kind },
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 64 * 1024 * 1024,
        }).toString();
      } catch {
        throw new BenchError(`the ${kind} run failed (see above)`);
      }
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) throw new BenchError(`the ${kind} run printed no result`);
      console.log(line);
      rows.push(JSON.parse(line) as Record<string, unknown>);
    }
    console.table(rows);
  };
  runMain(main);
}

/** Peak RSS of this process (the app: store, worker, HTTP), sampled every 100 ms. */
export function rssSampler(): { peakMb(): number; atPeak(): { heapUsedMb: number; externalMb: number }; stop(): void } {
  let peak = process.memoryUsage();
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 100);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    peakMb: () => mb(peak.rss),
    // What the peak was made of: the JS heap in use, and memory outside it (PGlite's WASM memory, buffers).
    atPeak: () => ({ heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external) }),
    stop: () => clearInterval(timer),
  };
}

/** A forked process driven by messages: `next` waits for a message of a type, `ask` sends and waits for the reply. */
function messagesOf<Request>(child: ChildProcess) {
  child.setMaxListeners(0);
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${path.basename(child.spawnargs.at(-1) ?? 'child process')} exited with ${code}`)));
    });
  const ask = <T>(request: Request, reply: string) => {
    const answer = next<T>(reply);
    child.send(request as object);
    return answer;
  };
  return { next, ask };
}

/** The local Bot Connector and Graph in their own process, driven by messages. */
export function startCloudProcess(options: object) {
  const child = fork(path.join(__dirname, 'cloud-process.ts'), {
    execArgv: ['--require', 'tsx/cjs'],
    env: { ...process.env, CLOUD_OPTIONS: JSON.stringify(options) },
  });
  const { next, ask } = messagesOf<CloudRequest>(child);
  const ready = next<{ connectorUrl: string; graphUrl: string }>('ready').then(async (urls) => {
    // A fresh process compiles its code on the first requests; Teams is warm. Not the app's latency.
    for (let i = 0; i < 20; i++) await fetch(`${urls.connectorUrl}/v3/conversations/warm-up/members`).then((r) => r.arrayBuffer());
    return urls;
  });
  return {
    ready,
    async seed(n: number, tenantId: string, conversations = true) {
      return (await ask<{ users: { id: string; teamsId: string }[] }>({ type: 'seed', n, tenantId, conversations }, 'seeded')).users;
    },
    stats: (tenantId: string, match?: string) => ask<CloudStats>({ type: 'stats', tenantId, match }, 'stats'),
    /** How many card updates the stand-in received, and when the latest came. */
    updates: () => ask<{ count: number; latest: number }>({ type: 'updates' }, 'updates'),
    async stop() {
      if (child.exitCode !== null) return;
      await ask({ type: 'stop' }, 'stopped');
    },
  };
}

/** Directory rows for the stand-in's people (Japanese, Tokyo, 20 departments); `admin` is an admin. */
export async function insertUsers(db: Db, users: readonly { id: string; teamsId: string }[], tenantId: string, admin: string): Promise<void> {
  for (let i = 0; i < users.length; i += 1000) {
    const chunk = users.slice(i, i + 1000);
    await db.query(
      `insert into users (id, tenant_id, teams_user_id, name, is_admin, department, locale, time_zone)
       select u.id, $2, u.teams_id, u.id, u.id = $3, 'Dept ' || (u.n % 20), 'ja', 'Asia/Tokyo'
       from unnest($1::text[], $4::text[]) with ordinality as u (id, teams_id, n)`,
      [chunk.map((u) => u.id), tenantId, admin, chunk.map((u) => u.teamsId)],
    );
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another app process on the PostgreSQL database at `dbUrl` (bench/invoke-replica.ts). */
export async function startReplica(dbUrl: string) {
  // The heap flags this process runs with (the package's bench scripts pass production's, see start:prod).
  const heapFlags = process.execArgv.filter((flag) => /^--max-(old|semi)-space-size=/.test(flag));
  const child = fork(path.join(__dirname, 'invoke-replica.ts'), { execArgv: ['--import', 'tsx', ...heapFlags] });
  const { ask } = messagesOf<ReplicaRequest>(child);
  const { url } = await ask<{ url: string }>({ type: 'start', dbUrl }, 'ready');
  return {
    url,
    mark: () => ask({ type: 'mark' }, 'marked'),
    read: () => ask<{ reading: MeterReading; peakRssMb: number }>({ type: 'read' }, 'reading'),
    async stop() {
      if (child.exitCode === null) await ask({ type: 'stop' }, 'stopped').catch(() => undefined);
    },
  };
}
