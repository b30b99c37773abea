import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_KINDS } from '../../src/audit/kinds';
import { createAuditLog, type AuditEvent } from '../../src/audit/log';
import { describeReport, verifyAuditLog } from '../../src/audit/verify';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import { asOwner, resetAuditLog, seqsOf as seqs } from './support';

const startEvent = (user: string, workDate: string): AuditEvent => ({
  kind: AUDIT_KINDS.checkinStart, tenantId: 't1', actorId: user, subjectId: user, data: { workDate, startTime: '09:00', place: 'home', revision: 1 },
});
const answerEvent = (user: string, round: string): AuditEvent => ({
  kind: AUDIT_KINDS.roundAnswered, tenantId: 't1', actorId: user, subjectId: round, data: { ownStatus: 'safe', location: 'home' },
});

describe.each(storeKinds())('audit hash chain on %s (as the schema owner)', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  const clock = new FakeClock('2026-11-24T01:00:00Z');
  const audit = createAuditLog({ clock });

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
  });
  afterAll(async () => close());
  beforeEach(async () => resetAuditLog(db));

  /** Ten rows alternating between the working-time and the general chain. */
  async function fill(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await db.transaction((tx) => audit.append(tx, startEvent(`u${i}`, '2026-11-24'), answerEvent(`u${i}`, 'r1')));
      clock.advance({ minutes: 1 });
    }
  }

  it('writes a row only when the caller’s transaction commits', async () => {
    await expect(
      db.transaction(async (tx) => {
        await audit.append(tx, startEvent('u1', '2026-11-24'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('select * from audit_log')).rows).toHaveLength(0);
    expect(describeReport(await verifyAuditLog(db))).toBe('audit log intact: 0 rows');

    await db.transaction((tx) => audit.append(tx, startEvent('u1', '2026-11-24')));
    const rows = await db.query<{ kind: string; chain: string; tenant_id: string; actor_id: string; data: unknown; prev_hash: string; hash: string }>('select * from audit_log');
    expect(rows.rows).toEqual([
      expect.objectContaining({ kind: 'checkin.start', chain: 'working_time', tenant_id: 't1', actor_id: 'u1', data: { workDate: '2026-11-24', startTime: '09:00', place: 'home', revision: 1 }, prev_hash: '0'.repeat(64) }),
    ]);
    expect(rows.rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a clean chain and counts its rows', async () => {
    await fill();
    const report = await verifyAuditLog(db);
    expect(report.problem).toBeUndefined();
    expect(describeReport(report)).toBe('audit log intact: 10 rows');
    expect(report.chains.map((c) => [c.chain, c.rows])).toEqual([['working_time', 5], ['general', 5]]);
  });

  // The database hashes the row (migration 028) and the verifier recomputes it in JavaScript: the two
  // must agree on every character the JSON text can hold, not only ASCII.
  it('hashes in the database exactly as the verifier does, whatever the ids and data hold', async () => {
    const odd = ['東京都 千代田区', '😀 emoji', 'quote " back\\slash', 'tab\tnew\nline', 'nul\u0000here', 'lone \ud800 surrogate', 'ü\u00e9\u200b', '$& $1 {name}'];
    for (const [i, s] of odd.entries()) {
      await db.transaction((tx) => audit.append(tx, { kind: AUDIT_KINDS.roundAnswered, tenantId: s, actorId: s, subjectId: `r${i}`, data: { note: s, list: [s, i, true, null], nested: { [s]: s } } }));
    }
    const report = await verifyAuditLog(db);
    expect(report.problem).toBeUndefined();
    expect(describeReport(report)).toBe(`audit log intact: ${odd.length} rows`);
  });

  // `db` here is the schema owner's connection (PGlite's single user; the test server's superuser), as
  // audit:verify's tampering cases need. That the app's own role cannot do any of this on PostgreSQL is
  // tested with a separate app-role connection in protected.test.ts; here only the trigger's guard.
  it('the append-only trigger refuses update, delete and truncate even to the owner, unless it is disabled', async () => {
    await fill();
    await expect(db.query(`update audit_log set actor_id = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    expect((await verifyAuditLog(db)).rows).toBe(10);
  });

  it('names an edited row', async () => {
    await fill();
    const [, , third] = await seqs(db, 'general');
    await asOwner(db, `update audit_log set data = jsonb_set(data, '{ownStatus}', '"needs_help"') where seq = $1`, [third]);
    const report = await verifyAuditLog(db);
    expect(report.problem).toMatchObject({ seq: third, chain: 'general', reason: 'hash_mismatch' });
    expect(describeReport(report)).toBe(`audit log BROKEN at seq ${third} (general chain): stored hash does not match the row: the row was edited`);
  });

  it('names the row after a deleted one', async () => {
    await fill();
    const wt = await seqs(db, 'working_time');
    await asOwner(db, 'delete from audit_log where seq = $1', [wt[1]]);
    const report = await verifyAuditLog(db);
    expect(report.problem).toMatchObject({ seq: wt[2], chain: 'working_time', reason: 'link_mismatch' });
    expect(describeReport(report)).toContain(`BROKEN at seq ${wt[2]}`);
    expect(describeReport(report)).toContain(`seq ${wt[0]}, the row before it`);
  });

  it('names a deleted first row and a deleted newest row', async () => {
    await fill();
    const general = await seqs(db, 'general');
    await asOwner(db, 'delete from audit_log where seq = $1', [general[0]]);
    expect((await verifyAuditLog(db)).problem).toMatchObject({ seq: general[1], chain: 'general', reason: 'link_mismatch' });
    const wt = await seqs(db, 'working_time');
    await asOwner(db, 'delete from audit_log where seq = $1', [wt.at(-1)]);
    expect((await verifyAuditLog(db)).problem).toMatchObject({ seq: wt.at(-1), chain: 'working_time', reason: 'missing_tail' });
  });

  it('refuses data that is not small JSON', async () => {
    const big: AuditEvent = { kind: AUDIT_KINDS.adminAction, tenantId: 't1', data: { blob: 'x'.repeat(9000) } };
    await expect(db.transaction((tx) => audit.append(tx, big))).rejects.toThrow(/over 8192 bytes/);
    const odd: AuditEvent = { kind: AUDIT_KINDS.adminAction, tenantId: 't1\u0000', data: { n: Number.NaN, id: 'a\u0000b', none: undefined, nested: { z: 1, a: [true, null] } } };
    await db.transaction((tx) => audit.append(tx, odd));
    expect((await verifyAuditLog(db)).problem).toBeUndefined();
  });
});
