import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KINDS } from '../../src/audit/kinds';
import { createAuditLog, type AuditEvent } from '../../src/audit/log';
import { applyRetention } from '../../src/audit/retention';
import { verifyAuditLog } from '../../src/audit/verify';
import type { Db } from '../../src/store/db';
import { openPostgres } from '../../src/store/postgres';
import { createTestPostgres, postgresAvailability } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import type { ScratchPostgres } from '../support/scratch-postgres';

const pg = postgresAvailability();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!pg.run)('audit appends from several processes on PostgreSQL', () => {
  let scratch: ScratchPostgres;
  const replicas: Db[] = [];
  const clock = new FakeClock('2026-11-24T01:00:00Z');

  beforeAll(async () => {
    scratch = await createTestPostgres();
    // Each pool stands for one replica of the app: its own connections, its own transactions.
    for (let i = 0; i < 3; i++) replicas.push(await openPostgres({ url: scratch.url, poolSize: 5 }));
  });
  afterAll(async () => {
    for (const db of replicas) await db.close();
    await scratch?.drop();
  });

  it('keeps one valid chain per class while replicas append, roll back and run retention at once', async () => {
    // Old rows for the retention run that races the appends.
    const audit = createAuditLog({ clock });
    clock.set('2019-01-01T00:00:00Z');
    await scratch.db.transaction((tx) => audit.append(tx, ...Array.from({ length: 20 }, (_, i): AuditEvent => ({ kind: i % 2 ? AUDIT_KINDS.checkinStart : AUDIT_KINDS.roundAnswered, tenantId: 't1', actorId: `old${i}` }))));
    clock.set('2026-11-24T01:00:00Z');

    let committed = 0;
    const work = replicas.flatMap((db, r) =>
      Array.from({ length: 40 }, async (_, i) => {
        const events: AuditEvent[] = [
          { kind: AUDIT_KINDS.checkinStart, tenantId: 't1', actorId: `u${r}-${i}`, data: { n: i } },
          { kind: AUDIT_KINDS.roundAnswered, tenantId: 't1', actorId: `u${r}-${i}`, data: { n: i } },
        ];
        const rollBack = i % 7 === 3;
        await db
          .transaction(async (tx) => {
            // Work before the append, as a use case does, so transactions overlap.
            await tx.query('select pg_sleep($1)', [Math.random() * 0.01]);
            await audit.append(tx, ...events);
            if (rollBack) throw new Error('rolled back');
          })
          .then(() => {
            committed += events.length;
          }, () => undefined);
      }),
    );
    const retention = (async () => {
      await sleep(20);
      return applyRetention(replicas[0] as Db, clock, { generalDays: 1096 });
    })();
    await Promise.all(work);
    const removed = await retention;

    expect(removed).toEqual({ working_time: 10, general: 10 });
    const report = await verifyAuditLog(scratch.db);
    expect(report.problem).toBeUndefined();
    const checkpoints = 2;
    expect(report.rows).toBe(committed + checkpoints);
    expect(committed).toBe(3 * (40 - 6) * 2);
  });
});
