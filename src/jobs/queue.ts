import PgBoss from 'pg-boss';
import type { Db, Executor } from '../store/db';
import type { Logger } from '../log/logger';
import type { JobName, JobPayloads } from './names';
import { JOBS } from './names';

export interface SendOptions {
  /** Seconds from now (a number, so a fake clock in tests maps onto real waiting time). */
  startAfterSeconds?: number;
  /** Creates the job inside this transaction: it exists only if the transaction commits. */
  tx?: Executor;
  retryLimit?: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], meta: { id: string; name: N }) => Promise<void>;

export interface JobQueue {
  start(): Promise<void>;
  send<N extends JobName>(name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string | null>;
  /** Many jobs of one kind, 1,000 per statement (inside `tx` when given), to run now. */
  sendMany<N extends JobName>(name: N, payloads: readonly JobPayloads[N][], options?: Pick<SendOptions, 'tx'>): Promise<void>;
  work<N extends JobName>(name: N, handler: JobHandler<N>, options?: { batchSize?: number; pollingIntervalSeconds?: number }): Promise<void>;
  /** Stops fetching new jobs and waits (up to the timeout) for running handlers to finish. */
  stop(gracefulTimeoutMs: number): Promise<void>;
  /** Readiness: started, and pg-boss reads its own tables (on PostgreSQL through its own pool). */
  healthy(): Promise<boolean>;
}

/** Jobs per insert statement in sendMany (a slot fans out to 100,000 people). */
const SEND_MANY_CHUNK = 1000;

const asPgBossDb = (ex: Executor): PgBoss.Db => ({
  executeSql: async (text, values) => ex.query(text, values),
});

/**
 * pg-boss on both stores: natively on PostgreSQL (its own pool, shared by every replica), and on
 * PGlite through the serializing executor of our Db port.
 */
export function createJobQueue(db: Db, options: { url?: string; logger: Logger }): JobQueue {
  const boss = new PgBoss({
    ...(options.url ? { connectionString: options.url, max: 4 } : { db: asPgBossDb(db) }),
    schema: 'pgboss',
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: 120,
  });
  boss.on('error', (err: Error) => options.logger.error({ err: err.message }, 'job queue error'));
  let started = false;

  return {
    async start() {
      await boss.start();
      for (const name of Object.values(JOBS)) {
        await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 });
      }
      started = true;
    },
    async send(name, payload, opts = {}) {
      // pg-boss validates present keys, even undefined ones: set only what was given.
      const sendOptions: PgBoss.SendOptions = {};
      if (opts.startAfterSeconds !== undefined) sendOptions.startAfter = Math.max(0, Math.ceil(opts.startAfterSeconds));
      if (opts.retryLimit !== undefined) sendOptions.retryLimit = opts.retryLimit;
      if (opts.tx) sendOptions.db = asPgBossDb(opts.tx);
      return boss.send(name, payload as object, sendOptions);
    },
    async sendMany(name, payloads, opts = {}) {
      for (let i = 0; i < payloads.length; i += SEND_MANY_CHUNK) {
        const jobs = payloads.slice(i, i + SEND_MANY_CHUNK).map((data) => ({ name, data: data as object }));
        await (opts.tx ? boss.insert(jobs, { db: asPgBossDb(opts.tx) }) : boss.insert(jobs));
      }
    },
    async work(name, handler, opts = {}) {
      const batchSize = opts.batchSize ?? 50;
      let workerId: string | undefined;
      workerId = await boss.work<JobPayloads[typeof name]>(
        name,
        { batchSize, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          // pg-boss waits out the polling interval after every batch, which caps a queue at one batch
          // a second; a full batch means more are waiting, so fetch the next one as soon as this ends.
          if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId);
          // One failing job must not fail (and retry) the whole batch: fail it alone.
          for (const job of jobs) {
            try {
              await handler(job.data, { id: job.id, name });
            } catch (err) {
              options.logger.warn({ job: name, jobId: job.id, err: errorText(err) }, 'job failed; will retry');
              await boss.fail(name, job.id, { message: errorText(err) });
            }
          }
        },
      );
    },
    async healthy() {
      return started && (await boss.getQueue(JOBS.checkinDue)) !== null;
    },
    async stop(gracefulTimeoutMs) {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(gracefulTimeoutMs, 1) });
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
