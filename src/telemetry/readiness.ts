/** One readiness check: `starting` until the app is wired, `timeout` when it did not answer in time. */
export type CheckState = 'ok' | 'starting' | 'stopped' | 'failing' | 'timeout';

export interface Readiness {
  readonly ready: boolean;
  readonly checks: { readonly database: CheckState; readonly queue: CheckState; readonly worker: CheckState };
}

/** How each part answers: a probe that throws is failing, one that answers false is stopped. */
export interface ReadinessProbes {
  database(): Promise<boolean>;
  queue(): Promise<boolean>;
  worker(): boolean;
}

/** The probes of the wired app: `select 1`, pg-boss's own tables, the delivery loop's flag. */
export function probesOf(parts: {
  readonly db: { query(sql: string): Promise<{ rows: unknown[] }> };
  readonly queue: { healthy(): Promise<boolean> };
  readonly worker: { readonly running: boolean };
}): ReadinessProbes {
  return {
    database: async () => (await parts.db.query('select 1 as ok')).rows.length === 1,
    queue: () => parts.queue.healthy(),
    worker: () => parts.worker.running,
  };
}

const STARTING: Readiness = { ready: false, checks: { database: 'starting', queue: 'starting', worker: 'starting' } };

/**
 * Asks every part at once, each within `timeoutMs`: a load balancer's probe must get an answer even
 * when the database hangs (PGlite serializes queries behind a long transaction).
 */
export async function checkReadiness(probes: ReadinessProbes | undefined, timeoutMs = 3000): Promise<Readiness> {
  if (!probes) return STARTING;
  const [database, queue, worker] = await Promise.all([
    probe(probes.database, timeoutMs),
    probe(probes.queue, timeoutMs),
    probe(async () => probes.worker(), timeoutMs),
  ]);
  return { ready: database === 'ok' && queue === 'ok' && worker === 'ok', checks: { database, queue, worker } };
}

async function probe(check: () => Promise<boolean>, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const answer = check().then(
    (ok): CheckState => (ok ? 'ok' : 'stopped'),
    (): CheckState => 'failing',
  );
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
