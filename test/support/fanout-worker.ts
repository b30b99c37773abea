/**
 * A delivery worker in its own process, for the crash and multi-process tests:
 *   node --import tsx test/support/fanout-worker.ts
 * env: PGLITE_DIR or DATABASE_URL, GRAPH_URL (enables Graph reconciliation), RATE.
 * Prints "started" once working and exits 0 when nothing is left to deliver.
 */
import { createGraphClient } from '../../src/graph/client';
import { createAppInstaller } from '../../src/graph/installed-apps';
import { createReconciler } from '../../src/graph/reconciler';
import { pendingCount } from '../../src/delivery/status';
import type { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { openPglite } from '../../src/store/pglite';
import { openPostgres } from '../../src/store/postgres';
import { testWorker } from './fanout';

async function main(): Promise<void> {
  const db: Db = process.env.DATABASE_URL
    ? await openPostgres({ url: process.env.DATABASE_URL, poolSize: 5 })
    : await openPglite({ dataDir: process.env.PGLITE_DIR });
  await migrate(db);
  let reconciler;
  if (process.env.GRAPH_URL) {
    const client = createGraphClient({ baseUrl: process.env.GRAPH_URL, staticToken: 'test' });
    const installer = createAppInstaller({ client, teamsAppId: process.env.TEAMS_APP_ID ?? '' });
    reconciler = createReconciler({ client, chats: installer });
  }
  const worker = testWorker(db, { rate: Number(process.env.RATE ?? 50), reconciler, logLevel: process.env.WORKER_LOG_LEVEL });
  // The crash test reads these to show that kills really left sends uncertain.
  worker.events.on('reconciled', () => process.stdout.write('uncertain: delivered\n'));
  worker.events.on('resent', () => process.stdout.write('uncertain: not delivered\n'));
  worker.start();
  process.stdout.write('started\n');
  let idleSince = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    if ((await pendingCount(db)) > 0) idleSince = 0;
    else if (!idleSince) idleSince = Date.now();
    else if (Date.now() - idleSince > 1000) break;
  }
  await worker.stop(1000);
  await db.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`fanout worker failed: ${String(err)}\n`);
  process.exit(1);
});
