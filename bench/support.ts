/** Shared parts of the benchmarks: stores, the connector thread, percentiles. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { openPglite } from '../src/store/pglite';
import { createScratchPostgres } from '../test/support/scratch-postgres';

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function openBenchStore(kind: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite({});
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('set DATABASE_URL or TEST_DATABASE_URL for the PostgreSQL run');
  const scratch = await createScratchPostgres(base, 'anshin_bench_');
  return { db: scratch.db, close: scratch.drop };
}

/** The connector thread, driven by messages. */
export function startCloudThread(options: object) {
  const worker = new Worker(path.join(__dirname, 'cloud-thread.cjs'), { workerData: options });
  worker.setMaxListeners(0);
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        worker.off('message', onMessage);
        resolve(m as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  return {
    ready: next<{ connectorUrl: string }>('ready'),
    async seed(n: number, tenantId: string) {
      const reply = next<{ users: string[] }>('seeded');
      worker.postMessage({ type: 'seed', n, tenantId });
      return (await reply).users;
    },
    async stats(tenantId: string) {
      const reply = next<{ sendTimes: number[]; updateTimes: number[]; counts: [string, number][]; maxInWindow: number; counters: Record<string, number> }>('stats');
      worker.postMessage({ type: 'stats', tenantId });
      return reply;
    },
    async stop() {
      const reply = next('stopped');
      worker.postMessage({ type: 'stop' });
      await reply;
      await worker.terminate();
    },
  };
}


