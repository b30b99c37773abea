/**
 * What one app process spent on the invokes of a measured run: CPU, and the SQL statements its
 * requests ran (test/support/counting-db.ts) and all statements of the process (background work too).
 */
import type { CountingDb } from '../test/support/counting-db';

export interface MeterReading {
  readonly cpuMs: number;
  /** Requests to /api/messages the process answered since the mark. */
  readonly requests: number;
  /** Statements those requests ran (begin and commit counted). */
  readonly statements: number;
  /** Every statement of the process since the mark (the delivery worker, the tally, pg-boss too). */
  readonly allStatements: number;
}

export function appMeter(counting: CountingDb): { mark(): void; read(): MeterReading } {
  let cpu = process.cpuUsage();
  let total = counting.total();
  let requests = counting.requests();
  return {
    mark() {
      requests.stop();
      requests = counting.requests();
      cpu = process.cpuUsage();
      total = counting.total();
    },
    read() {
      const used = process.cpuUsage(cpu);
      const invokes = requests.list.filter((r) => r.url === '/api/messages');
      return {
        cpuMs: (used.user + used.system) / 1000,
        requests: invokes.length,
        statements: invokes.reduce((n, r) => n + r.statements.length, 0),
        allStatements: counting.total() - total,
      };
    },
  };
}
