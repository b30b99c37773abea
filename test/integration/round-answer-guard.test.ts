import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KINDS } from '../../src/audit/kinds';
import { verifyAuditLog } from '../../src/audit/verify';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

/**
 * The answer is read and written in one statement (issue 20): whoever is not a recipient of the
 * round, answers a cancelled round or a round of another tenant, gets the error card and nothing is
 * written — no answer row, no change to the recipients, the round's tally not flagged, no audit row
 * (the audit row is appended by the same statement when the answer is kept).
 *
 * And the statement takes the round's row lock before the audit log's lock, as every transaction does
 * (an urgent answer, a close: rows first, the log last): on PostgreSQL (PGlite runs one statement at a
 * time) a transaction holds the round's row, the answer arrives and waits for it, then the transaction
 * asks for the log's lock — in the other order the two deadlock and PostgreSQL aborts one of them.
 */
const clock = new FakeClock('2026-11-24T01:30:00Z');
const TENANT = 'tenant-answer-guard';
const AUDIT_LOCK_KEY = 727_012;
const answer = (roundId: string) => ({ roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '' });

describe.each(storeKinds())('the safety answer in one statement: kept only when it may be, never deadlocked (%s)', (kind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let close: () => Promise<void>;
  let roundId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const written = async () => ({
    answers: (await app.db.query<{ n: number }>('select count(*)::int as n from round_answers')).rows[0]?.n,
    answered: (await app.db.query<{ n: number }>(`select count(*)::int as n from round_recipients where status = 'answered'`)).rows[0]?.n,
    dirty: (await app.db.query<{ tally_dirty: boolean }>('select tally_dirty from safety_rounds where id = $1', [roundId])).rows[0]?.tally_dirty,
    audited: (await app.db.query<{ n: number }>('select count(*)::int as n from audit_log where kind = $1', [AUDIT_KINDS.roundAnswered])).rows[0]?.n,
  });

  /**
   * The round's cards still going out flag the tally when their outcome lands (coalesced for 100 ms,
   * src/features/rounds/delivery-outcomes.ts): wait for them, so that only the answer under test could set the flag.
   */
  const settled = async () => {
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 30_000, 50);
    await new Promise((r) => setTimeout(r, 300));
    await waitUntil(async () => (await pendingCount(app.db)) === 0, 30_000, 50);
  };

  beforeAll(async () => {
    cloud = await startFakeCloud();
    const store = await openTestStore(kind);
    close = store.close;
    app = await startTestApp({}, { clock, db: store.db });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT,
      connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'admin-1', name: 'Admin', department: 'HR', isAdmin: true },
        { id: 'emp-sales', name: '営業 一郎', department: 'Sales' },
        { id: 'emp-ops', name: '運用 花子', department: 'Ops' },
      ],
    });
    const started = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, { kind: 'earthquake', scope: 'departments', departments: 'Sales', drill: 'true' }));
    expect(started.status).toBe(200);
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    await settled();
    await app.db.query('update safety_rounds set tally_dirty = false where id = $1', [roundId]);
  });
  afterAll(async () => {
    await app?.stop();
    await close?.();
    await cloud?.stop();
  });

  it('someone the round does not include: the error card, nothing written', async () => {
    const before = await written();
    const res = await app.post(executeActivity(who('emp-ops'), VERBS.safetyAnswer, answer(roundId)));
    expect(res.status).toBe(200);
    expect(cardText((res.body as { value: unknown }).value)).not.toContain(VERBS.safetyEdit);
    expect(await written()).toEqual({ ...before, dirty: false });
  });

  it('a recipient answering a cancelled round: the error card, nothing written; the same answer is kept while it is open', async () => {
    await app.db.query(`update safety_rounds set status = 'cancelled' where id = $1`, [roundId]);
    const before = await written();
    const refused = await app.post(executeActivity(who('emp-sales'), VERBS.safetyAnswer, answer(roundId)));
    expect(refused.status).toBe(200);
    expect(cardText((refused.body as { value: unknown }).value)).not.toContain(VERBS.safetyEdit);
    expect(await written()).toEqual({ ...before, dirty: false });

    await app.db.query(`update safety_rounds set status = 'open' where id = $1`, [roundId]);
    const kept = await app.post(executeActivity(who('emp-sales'), VERBS.safetyAnswer, answer(roundId)));
    expect(cardText((kept.body as { value: unknown }).value)).toContain(VERBS.safetyEdit);
    expect(await written()).toEqual({ answers: (before.answers ?? 0) + 1, answered: (before.answered ?? 0) + 1, dirty: true, audited: (before.audited ?? 0) + 1 });
    const row = (await app.db.query<{ tenant_id: string; actor_id: string; subject_id: string; data: Record<string, unknown> }>(
      'select tenant_id, actor_id, subject_id, data from audit_log where kind = $1 order by seq desc limit 1', [AUDIT_KINDS.roundAnswered])).rows[0];
    const answerId = (await app.db.query<{ id: string }>('select id::text as id from round_answers order by id desc limit 1')).rows[0]?.id;
    expect(row).toEqual({ tenant_id: TENANT, actor_id: 'emp-sales', subject_id: roundId, data: { answerId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home' } });
    expect((await verifyAuditLog(app.db)).problem).toBeUndefined();
  });

  it('a recipient answering a round of another tenant (a forged round id): the error card, nothing written', async () => {
    await settled();
    await app.db.query(`update safety_rounds set tenant_id = 'tenant-other', tally_dirty = false where id = $1`, [roundId]);
    try {
      const before = await written();
      const refused = await app.post(executeActivity(who('emp-sales'), VERBS.safetyAnswer, answer(roundId)));
      expect(refused.status).toBe(200);
      expect(cardText((refused.body as { value: unknown }).value)).not.toContain(VERBS.safetyEdit);
      expect(await written()).toEqual({ ...before, dirty: false });
    } finally {
      await app.db.query(`update safety_rounds set tenant_id = $2 where id = $1`, [roundId, TENANT]);
    }
  });

  it.skipIf(kind !== 'postgres')('waits for the round row without holding the log’s lock: both finish, the answer is kept and audited', async () => {
    const waitingForLock = async () =>
      ((await app.db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0]?.n ?? 0) > 0;
    const before = await written();
    let answered: Promise<{ status: number; body: unknown }> | undefined;
    await app.db.transaction(async (tx) => {
      await tx.query('update safety_rounds set tally_dirty = true where id = $1', [roundId]);
      answered = app.post(executeActivity(who('emp-sales'), VERBS.safetyAnswer, answer(roundId)));
      await waitUntil(waitingForLock, 10_000, 20);
      await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
    });
    const res = await answered;
    expect(res?.status).toBe(200);
    expect(cardText((res?.body as { value: unknown }).value)).toContain(VERBS.safetyEdit);
    const after = await written();
    expect({ answers: after.answers, audited: after.audited }).toEqual({ answers: (before.answers ?? 0) + 1, audited: (before.audited ?? 0) + 1 });
  });
});
