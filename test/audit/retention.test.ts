import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordConfigLoaded } from '../../src/audit/config-event';
import { AUDIT_KINDS } from '../../src/audit/kinds';
import { createAuditLog, type AuditEvent } from '../../src/audit/log';
import { applyRetention, AuditChainBrokenError, retentionCutoffs } from '../../src/audit/retention';
import { verifyAuditLog } from '../../src/audit/verify';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import { asOwner, resetAuditLog, seqsOf } from './support';

const NOW = '2026-11-24T01:00:00Z';
const work = (tag: string): AuditEvent => ({ kind: AUDIT_KINDS.checkinEnd, tenantId: 't1', actorId: 'u1', subjectId: 'u1', data: { tag } });
const other = (tag: string): AuditEvent => ({ kind: AUDIT_KINDS.roundStarted, tenantId: 't1', actorId: 'admin', subjectId: 'r1', data: { tag } });
const policy = { generalDays: 1096 };

describe('retention periods', () => {
  it('keeps working time 5 years (plus a margin) even when the general period is shorter, longer when it is longer', () => {
    const now = new Date(NOW);
    const short = retentionCutoffs(now, { generalDays: 365 });
    expect(short.general.toISOString()).toBe('2025-11-24T01:00:00.000Z');
    expect(short.working_time.toISOString()).toBe('2021-08-26T01:00:00.000Z');
    const long = retentionCutoffs(now, { generalDays: 3653 });
    expect(long.working_time).toEqual(long.general);
  });
});

describe.each(storeKinds())('audit retention and checkpoints on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  const clock = new FakeClock(NOW);
  const audit = createAuditLog({ clock });
  const tags = async () => (await db.query<{ tag: string | null; kind: string }>(`select data->>'tag' as tag, kind from audit_log order by seq`)).rows.map((r) => r.tag ?? r.kind);
  const at = async (when: string, ...events: AuditEvent[]) => {
    clock.set(when);
    await db.transaction((tx) => audit.append(tx, ...events));
  };

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
  });
  afterAll(async () => close());
  beforeEach(async () => {
    // The fake clock runs years ahead of the database's: the owner's floor is tested on its own below.
    await resetAuditLog(db, { floor: 'none' });
    await at('2020-01-10T00:00:00Z', work('w2020'), other('g2020'));
    await at('2021-01-10T00:00:00Z', work('w2021'), other('g2021'));
    await at('2023-06-10T00:00:00Z', work('w2023'), other('g2023'));
    await at(NOW, work('w2026'), other('g2026'));
  });

  it('removes old rows per class, leaves a checkpoint, and verify still passes', async () => {
    clock.set(NOW);
    expect(await applyRetention(db, clock, policy)).toEqual({ working_time: 2, general: 3 });
    expect(await tags()).toEqual(['w2023', 'w2026', 'g2026', AUDIT_KINDS.checkpoint, AUDIT_KINDS.checkpoint]);
    const checkpoints = await db.query<{ chain: string; data: Record<string, unknown> }>(`select chain, data from audit_log where kind = 'audit.checkpoint' order by seq`);
    expect(checkpoints.rows.map((r) => [r.chain, r.data.removedRows])).toEqual([['working_time', 2], ['general', 3]]);
    const report = await verifyAuditLog(db);
    expect(report.problem).toBeUndefined();
    expect(report.rows).toBe(5);
    // A second run finds nothing to remove and writes nothing.
    expect(await applyRetention(db, clock, policy)).toEqual({ working_time: 0, general: 0 });
    expect(await tags()).toHaveLength(5);
  });

  it('still names a row removed after a checkpoint', async () => {
    await applyRetention(db, clock, policy);
    const [first] = await seqsOf(db, 'working_time');
    await asOwner(db, 'delete from audit_log where seq = $1', [first]);
    const next = (await seqsOf(db, 'working_time'))[0];
    expect((await verifyAuditLog(db)).problem).toMatchObject({ chain: 'working_time', seq: next, reason: 'link_mismatch' });
  });

  it('removes checkpoints in later runs too, in small batches, and the chain stays verifiable', async () => {
    await applyRetention(db, clock, policy, 2);
    expect((await verifyAuditLog(db)).problem).toBeUndefined();
    await at('2028-01-01T00:00:00Z', other('g2028'));
    clock.set('2030-06-01T00:00:00Z');
    await applyRetention(db, clock, policy, 1);
    expect((await verifyAuditLog(db)).problem).toBeUndefined();
    expect((await tags()).filter((t) => t.startsWith('g'))).toEqual(['g2028']);
    expect(await tags()).toContain('w2026');
  });

  it('never removes rows past one a clock running backwards wrote later', async () => {
    await at('2019-05-01T00:00:00Z', work('w-backdated'));
    await at(NOW, work('w-after'));
    clock.set('2035-01-01T00:00:00Z');
    await at('2035-01-01T00:00:00Z', work('w2035'));
    // Everything but w2035 is old now, in seq order: removed as one prefix.
    await applyRetention(db, clock, policy);
    expect((await tags()).filter((t) => t.startsWith('w'))).toEqual(['w2035']);
    expect((await verifyAuditLog(db)).problem).toBeUndefined();
  });

  it('refuses to remove (and so vouch for) rows that were tampered with', async () => {
    const [oldest] = await seqsOf(db, 'general');
    await asOwner(db, `update audit_log set actor_id = 'someone-else' where seq = $1`, [oldest]);
    await expect(applyRetention(db, clock, policy)).rejects.toBeInstanceOf(AuditChainBrokenError);
    expect((await verifyAuditLog(db)).problem).toMatchObject({ chain: 'general', seq: oldest, reason: 'hash_mismatch' });
    expect(await tags()).toContain('g2020');
  });
});

describe.each(storeKinds())('config.loaded on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  const audit = createAuditLog({ clock: new FakeClock(NOW) });
  const secrets = {
    MicrosoftAppId: 'app-id',
    MicrosoftAppPassword: 'hunter2-password',
    MicrosoftAppTenantId: 'tenant-x',
    DATABASE_URL: 'postgres://anshin:db-secret-pw@db.example:5432/anshin?sslmode=require',
    SIGNALS_HMAC_SECRETS: 'tenant-x:signal-secret-0123456789',
  };

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    await resetAuditLog(db);
  });
  afterAll(async () => close());

  it('records the configuration when it changed since the last start, naming sections, never secrets', async () => {
    expect(await recordConfigLoaded(db, audit, loadConfig(secrets))).toBe(true);
    expect(await recordConfigLoaded(db, audit, loadConfig(secrets))).toBe(false);
    expect(await recordConfigLoaded(db, audit, loadConfig({ ...secrets, ROUND_RESEND_MINUTES: '15,60' }))).toBe(true);
    // A rotated secret is not a recorded change: its value never reaches the log, not even hashed.
    expect(await recordConfigLoaded(db, audit, loadConfig({ ...secrets, ROUND_RESEND_MINUTES: '15,60', MicrosoftAppPassword: 'another-password' }))).toBe(false);
    const rows = await db.query<{ data: { changed: string[]; first: boolean; configHash: string } }>(`select data from audit_log where kind = 'config.loaded' order by seq`);
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows[0]?.data.first).toBe(true);
    expect(rows.rows[1]?.data).toMatchObject({ first: false, changed: ['rounds'] });
    const all = JSON.stringify((await db.query('select * from audit_log')).rows);
    for (const secret of ['hunter2', 'db-secret-pw', 'signal-secret', 'sslmode']) expect(all).not.toContain(secret);
    expect((await verifyAuditLog(db)).problem).toBeUndefined();
  });
});
