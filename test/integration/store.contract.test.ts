import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartAnswers } from '../../src/domain/checkins/model';
import { createOutbox } from '../../src/delivery/outbox';
import { createJobQueue } from '../../src/jobs/queue';
import { createLogger } from '../../src/log/logger';
import type { Db } from '../../src/store/db';
import { loadMigrations, migrate } from '../../src/store/migrate';
import { checkinsRepo } from '../../src/features/checkins/repository';
import { conversationRefsRepo } from '../../src/store/conversation-refs';
import { usersRepo } from '../../src/store/users';
import { openTestStore, postgresAvailability, storeKinds, type StoreKind } from '../support/db';

const answers: StartAnswers = {
  startTime: '09:05',
  place: 'home',
  connection: 'wired',
  device: 'company_pc',
  screenPrivate: true,
  notShared: true,
  vpnConnected: true,
  securityUpdated: true,
  rulesAcknowledged: true,
  mood: 4,
  comment: undefined,
};

const pgInfo = postgresAvailability();
if (!pgInfo.run) console.warn(pgInfo.reason);

describe.each(storeKinds())('storage contract on %s', (kind: StoreKind) => {
  let db: Db;
  let url: string | undefined;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, url, close } = await openTestStore(kind));
    await usersRepo.upsert(db, {
      id: 'u1', tenantId: 't1', name: '佐藤 花子', locale: 'ja', timeZone: 'Asia/Tokyo', department: '人事部',
      isAdmin: true, privatePcApproved: false, managerId: 'm1',
    });
  });
  afterAll(async () => close());

  it('re-running migrations applies nothing, even when two run at once', async () => {
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...a, ...b]).toEqual([]);
    const rows = await db.query<{ id: number }>('select id from schema_migrations order by id');
    // Every migration file once, numbered 1..N without gaps.
    const files = loadMigrations().map((m) => m.id);
    expect(files).toEqual(files.map((_, i) => i + 1));
    expect(rows.rows.map((r) => r.id)).toEqual(files);
  });

  it('keeps directory facts when Teams tells us about a known user', async () => {
    const u = await usersRepo.touchFromTeams(db, { id: 'u1', tenantId: 't1', teamsUserId: '29:u1', name: 'Hanako', locale: 'en-US', defaultTimeZone: 'Asia/Tokyo' });
    expect(u).toMatchObject({ name: '佐藤 花子', department: '人事部', isAdmin: true, teamsUserId: '29:u1', locale: 'en', managerId: 'm1' });
    const fresh = await usersRepo.touchFromTeams(db, { id: 'u9', tenantId: 't1', teamsUserId: '29:u9', name: 'New', defaultTimeZone: 'Asia/Tokyo' });
    expect(fresh).toMatchObject({ name: 'New', locale: 'ja', isAdmin: false, active: true });
  });

  it('stores and replaces conversation references', async () => {
    const ref = { userId: 'u1', tenantId: 't1', conversationId: 'a:1', serviceUrl: 'http://x/', reference: { conversation: { id: 'a:1' } } };
    expect(await conversationRefsRepo.save(db, ref)).toBe(true); // first contact
    expect(await conversationRefsRepo.save(db, ref)).toBe(false);
    expect(await conversationRefsRepo.save(db, { ...ref, conversationId: 'a:2', reference: { conversation: { id: 'a:2' } } })).toBe(false);
    expect(await conversationRefsRepo.get(db, 'u1')).toMatchObject({ conversationId: 'a:2', reference: { conversation: { id: 'a:2' } } });
  });

  it('a second start answer for the day updates the one row', async () => {
    const p = { userId: 'u1', tenantId: 't1', workDate: '2026-11-24', answers, times: {} };
    expect((await checkinsRepo.saveStart(db, p)).created).toBe(true);
    const second = await checkinsRepo.saveStart(db, { ...p, answers: { ...answers, place: 'other' } });
    expect(second).toMatchObject({ revision: 2, created: false, record: { status: 'started', revision: 2, startAnswers: { place: 'other' } } });
    const rows = await db.query('select * from checkins where user_id = $1 and work_date = $2', ['u1', '2026-11-24']);
    expect(rows.rows).toHaveLength(1);
    const rec = await checkinsRepo.get(db, 'u1', '2026-11-24');
    expect(rec).toMatchObject({ workDate: '2026-11-24', status: 'started', startTime: '09:05', startAnswers: { place: 'other', mood: 4 } });
  });

  it('replaces the violations of one phase only', async () => {
    const base = { userId: 'u1', tenantId: 't1', workDate: '2026-11-24' };
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: ['vpn_not_disconnected'], current: [{ kind: 'vpn_not_disconnected', ruleRef: 'G 3' }] });
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: ['place_other', 'public_wifi'], current: [{ kind: 'place_other', ruleRef: 'G 1.1' }] });
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: ['place_other', 'public_wifi'], current: [{ kind: 'public_wifi', ruleRef: 'G 1.2' }] });
    expect((await checkinsRepo.get(db, 'u1', '2026-11-24'))?.violations).toEqual(['public_wifi', 'vpn_not_disconnected']);
  });

  it('with the stored violations known, reaches the same rows and skips only what would change nothing', async () => {
    const base = { userId: 'u1', tenantId: 't1', workDate: '2026-11-26', phaseKinds: ['place_other', 'public_wifi'] as const };
    const stored = async () => (await db.query<{ kind: string }>(`select kind from violations where user_id = 'u1' and work_date = '2026-11-26' order by kind`)).rows.map((r) => r.kind);
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: [...base.phaseKinds], current: [{ kind: 'place_other', ruleRef: 'G 1.1' }], stored: [] });
    expect(await stored()).toEqual(['place_other']);
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: [...base.phaseKinds], current: [{ kind: 'public_wifi', ruleRef: 'G 1.2' }], stored: ['place_other'] });
    expect(await stored()).toEqual(['public_wifi']);
    await checkinsRepo.replaceViolations(db, { ...base, phaseKinds: [...base.phaseKinds], current: [], stored: ['public_wifi'] });
    expect(await stored()).toEqual([]);
  });

  it('records the end, and a day off never overwrites a real check-in', async () => {
    const end = { endTime: '18:00', vpnDisconnected: true, loggedOff: true, pcStored: true, mood: 3 as const, break1Start: '12:00', break1End: '13:00', break2Start: undefined, break2End: undefined, comment: undefined };
    await checkinsRepo.saveEnd(db, { userId: 'u1', tenantId: 't1', workDate: '2026-11-24', answers: end, times: { breakMinutes: 60, workingMinutes: 475 } });
    expect(await checkinsRepo.saveDayStatus(db, { userId: 'u1', tenantId: 't1', workDate: '2026-11-24', status: 'day_off' })).toBe('ended');
    expect(await checkinsRepo.saveDayStatus(db, { userId: 'u1', tenantId: 't1', workDate: '2026-11-25', status: 'office' })).toBe('office');
    const week = await checkinsRepo.listRange(db, 'u1', '2026-11-23', '2026-11-29');
    expect(week.map((r) => [r.workDate, r.status, r.workingMinutes])).toEqual([
      ['2026-11-24', 'ended', 475],
      ['2026-11-25', 'office', undefined],
    ]);
  });

  it('creates a job and an outbox row only when their transaction commits', async () => {
    const queue = createJobQueue(db, { url, logger: createLogger('silent') });
    await queue.start();
    const outbox = createOutbox(() => undefined);
    const msg = { key: 'k-rollback', tenantId: 't1', batchId: 'b', purpose: 'broadcast' as const, recipientId: 'u1', activity: { type: 'message' } };
    await expect(
      db.transaction(async (tx) => {
        await outbox.enqueue(tx, msg);
        await queue.send('checkins-due', { userId: 'u1', localDate: '2026-11-24', kind: 'start' }, { tx, startAfterSeconds: 3600 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = async () => {
      const d = await db.query<{ n: number }>("select count(*)::int as n from deliveries where idempotency_key like 'k-%'");
      const j = await db.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = 'checkins-due'");
      return [d.rows[0]?.n, j.rows[0]?.n];
    };
    expect(await count()).toEqual([0, 0]);
    await db.transaction(async (tx) => {
      expect(await outbox.enqueue(tx, { ...msg, key: 'k-commit' })).toBe(true);
      expect(await outbox.enqueue(tx, { ...msg, key: 'k-commit' })).toBe(false);
      await queue.send('checkins-due', { userId: 'u1', localDate: '2026-11-24', kind: 'start' }, { tx, startAfterSeconds: 3600 });
    });
    expect(await count()).toEqual([1, 1]);
    await queue.stop(100);
  });
});

describe('PGlite adapter', () => {
  it('turns an outer query inside a transaction into an error, not a deadlock', async () => {
    const { db, close } = await openTestStore('pglite');
    try {
      await expect(db.transaction(async () => db.query('select 1'))).rejects.toThrow(/transaction executor/);
      expect((await db.query<{ ok: number }>('select 1 as ok')).rows[0]?.ok).toBe(1);
    } finally {
      await close();
    }
  });
});
