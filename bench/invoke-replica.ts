/**
 * Another app process on the same PostgreSQL database (bench/invoke.ts `--replicas`), as production
 * scales out: its own HTTP server, bot and delivery worker, sharing the queue, pacer and outbox.
 * Driven by messages: `mark` starts the measured run, `read` reports it, `stop` ends the process.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { start } from '../src/main';
import { openPostgres } from '../src/store/postgres';
import { countingDb } from '../test/support/counting-db';
import { appMeter } from './app-meter';
import { rssSampler } from './support';

export type ReplicaRequest = { type: 'start'; dbUrl: string } | { type: 'mark' } | { type: 'read' } | { type: 'stop' };

async function main(dbUrl: string): Promise<void> {
  const send = (m: object) => process.send?.(m);
  const counting = countingDb(await openPostgres({ url: dbUrl, poolSize: 10, applicationName: 'anshin-bench-replica' }));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', DIRECTORY_FILE: '/nonexistent', AUDIT_ANCHOR_DIR: path.join(tmpdir(), `anshin-bench-anchors-${process.pid}`) });
  const app = await start(config, { db: counting.db, logger: createLogger('silent') });
  const rss = rssSampler();
  const meter = appMeter(counting);
  send({ type: 'ready', url: app.url });
  process.on('message', async (m: ReplicaRequest) => {
    if (m.type === 'mark') {
      meter.mark();
      send({ type: 'marked' });
    } else if (m.type === 'read') send({ type: 'reading', reading: meter.read(), peakRssMb: rss.peakMb() });
    else if (m.type === 'stop') {
      rss.stop();
      await app.stop();
      await counting.db.close();
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
}

process.once('message', (m: ReplicaRequest) => {
  if (m.type !== 'start') return;
  main(m.dbUrl).catch((err: unknown) => {
    process.stderr.write(`replica failed: ${String(err)}\n`);
    process.exit(1);
  });
});
