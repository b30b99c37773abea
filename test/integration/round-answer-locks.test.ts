import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, postgresAvailability } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

/**
 * The safety answer's one statement (answer, recipient, tally flag, audit row) takes the round's row
 * lock before the audit log's lock, as every transaction does (an urgent answer, a close: rows first,
 * the log last). Here a transaction holds the round's row, the answer arrives and waits for it, then the
 * transaction asks for the log's lock: in the other order the two would deadlock and PostgreSQL would
 * abort one of them. PostgreSQL only: PGlite runs one statement at a time.
 */
const clock = new FakeClock('2026-11-24T01:30:00Z');
const TENANT = 'tenant-answer-locks';
const AUDIT_LOCK_KEY = 727_012;
const answer = (roundId: string) => ({ roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '' });

describe.skipIf(!postgresAvailability().run)('a safety answer and a transaction on the same round (postgres)', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let close: () => Promise<void>;
  let roundId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });

  beforeAll(async () => {
    cloud = await startFakeCloud();
    const store = await openTestStore('postgres');
    close = store.close;
    app = await startTestApp({}, { clock, db: store.db });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT,
      connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'admin-1', name: 'Admin', department: 'HR', isAdmin: true },
        { id: 'emp-1', name: '安否 太郎', department: 'Sales' },
      ],
    });
    const started = await app.post(executeActivity(who('admin-1'), VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true' }));
    expect(started.status).toBe(200);
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
  });
  afterAll(async () => {
    await app?.stop();
    await close?.();
    await cloud?.stop();
  });

  it('waits for the round row without holding the log’s lock: both finish, the answer is kept and audited', async () => {
    const waitingForLock = async () =>
      ((await app.db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0]?.n ?? 0) > 0;
    let answered: Promise<{ status: number; body: unknown }> | undefined;
    await app.db.transaction(async (tx) => {
      await tx.query('update safety_rounds set tally_dirty = true where id = $1', [roundId]);
      answered = app.post(executeActivity(who('emp-1'), VERBS.safetyAnswer, answer(roundId)));
      await waitUntil(waitingForLock, 10_000, 20);
      await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
    });
    const res = await answered;
    expect(res?.status).toBe(200);
    expect(cardText((res?.body as { value: unknown }).value)).toContain(VERBS.safetyEdit);
    const audited = await app.db.query<{ n: number }>(`select count(*)::int as n from audit_log where kind = 'round.answered' and subject_id = $1`, [roundId]);
    expect(audited.rows[0]?.n).toBe(1);
  });
});
