/**
 * What one SQL round trip costs the app, per store: the app's CPU (user + system, in ms) and wall time per
 * statement through the app's own Db, 4 in flight, for a parameterless statement, a parameterized one
 * (what the app sends), and on PostgreSQL the same through a named prepared statement (pg's
 * `{ name, text }`, which skips the parse on a connection that has it). The figures explain the
 * card-action benchmark: a card action costs its statements × this, before any work of its own.
 *
 *   npm run bench:roundtrip -- [--statements 5000] [--store pglite|postgres|both]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openBenchStore, rssSampler, runPerStore } from './support';

const { values } = parseArgs({ options: { statements: { type: 'string', default: '5000' }, store: { type: 'string' } } });
const N = Number(values.statements);

async function measure(run: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await run();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i += 4) await Promise.all([run(), run(), run(), run()]);
  const used = process.cpuUsage(cpu);
  // ms per statement, to the microsecond.
  const per = (us: number) => Math.round(us / N) / 1000;
  return { user: per(used.user), system: per(used.system), wall: per((performance.now() - t0) * 1000) };
}

runPerStore(`round-trip benchmark: ${N} statements per kind, 4 in flight`, values.store, async (kind) => {
  const { db, url, close } = await openBenchStore(kind);
  const rss = rssSampler();
  try {
    const simple = await measure(() => db.query('select 1 as x'));
    const params = await measure(() => db.query('select $1::int as x', [1]));
    let prepared: Awaited<ReturnType<typeof measure>> | undefined;
    if (url) {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      prepared = await measure(() => pool.query({ name: 'roundtrip', text: 'select $1::int as x', values: [1] }));
      await pool.end();
    }
    const cpu = (m: { user: number; system: number } | undefined) => (m ? Math.round((m.user + m.system) * 1000) / 1000 : null);
    return {
      store: kind,
      users: 0,
      statements: N,
      'no parameters CPU ms': cpu(simple),
      'parameters CPU ms': cpu(params),
      'parameters system ms': params.system,
      'prepared CPU ms': cpu(prepared),
      'parameters wall ms': params.wall,
      'peak RSS MB': rss.peakMb(),
    };
  } finally {
    rss.stop();
    await close();
  }
});
