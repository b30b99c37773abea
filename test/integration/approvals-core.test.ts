// The approvals core (APPROVALS-PORT.md) on PGlite and PostgreSQL: idempotent open, one 'approved'
// out of simultaneous approvals, four-eyes, who may decide, expiry and activeFor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { createApprovalsCore } from '../../src/features/approvals';
import type { ApprovalsCore } from '../../src/features/approvals/core';
import type { DecideOutcome, OpenApproval } from '../../src/features/approvals/types';
import type { Db } from '../../src/store/db';
import { openPostgres } from '../../src/store/postgres';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { FakeClock } from '../support/fake-clock';

const base = (key: string, over: Partial<OpenApproval> = {}): OpenApproval => ({
  key, kind: 'private_pc', tenantId: 't1', requesterId: 'alice', approverIds: ['mgr', 'admin'], requesterMayApprove: false,
  requiredApprovals: 1, payload: { reason: 'laptop broken' }, ...over,
});

describe.each(storeKinds())('approvals core on %s', (kind: StoreKind) => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let db: Db;
  let core: ApprovalsCore;
  const clock = new FakeClock('2026-12-01T09:00:00Z');
  const audit = createAuditLog({ clock });
  const auditKinds = async (subjectId: string) =>
    (await db.query<{ kind: string; data: Record<string, unknown> }>('select kind, data from audit_log where subject_id = $1 order by seq', [subjectId])).rows;

  beforeAll(async () => {
    store = await openTestStore(kind);
    db = store.db;
    core = createApprovalsCore({ db, clock, audit });
  });
  afterAll(() => store.close());

  it('opens once per key and audits the request', async () => {
    const a = await db.transaction((tx) => core.open(tx, base('k-open')));
    const b = await db.transaction((tx) => core.open(tx, base('k-open', { payload: { reason: 'other' } })));
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ state: 'pending', requesterId: 'alice', approverIds: ['mgr', 'admin'], payload: { reason: 'laptop broken' } });
    expect((await core.get(a.id))?.payload).toEqual({ reason: 'laptop broken' });
    const rows = await auditKinds(a.id);
    expect(rows.map((r) => r.kind)).toEqual(['approval.requested']);
    expect(JSON.stringify(rows)).not.toContain('laptop broken');
  });

  it('gives exactly one approved out of simultaneous approvals', async () => {
    const r = await db.transaction((tx) => core.open(tx, base('k-race', { approverIds: ['a1', 'a2', 'a3', 'a4'] })));
    // PostgreSQL: several pools stand for several replicas, so the transactions really overlap.
    const pools = kind === 'postgres' && store.url ? await Promise.all([1, 2, 3, 4].map(() => openPostgres({ url: store.url as string, poolSize: 2 }))) : [db, db, db, db];
    try {
      const outcomes: DecideOutcome[] = await Promise.all(
        ['a1', 'a2', 'a3', 'a4'].map((actorId, i) =>
          (pools[i] as Db).transaction(async (tx) => {
            const out = await core.decide(tx, { id: r.id, kind: 'private_pc', actorId, decision: 'approve' });
            if (kind === 'postgres') await tx.query('select pg_sleep(0.05)');
            return out;
          }),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'approved')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'already_decided')).toHaveLength(3);
    } finally {
      if (kind === 'postgres') for (const p of pools) await p.close();
    }
    expect((await core.get(r.id))?.state).toBe('approved');
    const decided = (await auditKinds(r.id)).filter((a) => a.kind === 'approval.decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]?.data).toMatchObject({ outcome: 'approved', approvalKind: 'private_pc' });
  });

  it('refuses the requester under four-eyes and people who are not approvers, changing nothing', async () => {
    const r = await db.transaction((tx) => core.open(tx, base('k-4eyes', { approverIds: ['alice', 'sec2'], kind: 'intune_action', subjectId: 'inc-1' })));
    expect(await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'intune_action', actorId: 'alice', decision: 'approve' }))).toEqual({ kind: 'not_allowed' });
    expect(await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'intune_action', actorId: 'mallory', decision: 'reject' }))).toEqual({ kind: 'not_allowed' });
    expect((await core.get(r.id))?.state).toBe('pending');
    expect((await auditKinds(r.id)).map((a) => a.kind)).toEqual(['approval.requested']);
    const ok = await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'intune_action', actorId: 'sec2', decision: 'approve' }));
    expect(ok.kind).toBe('approved');
    // The same person pressing again: nothing changes.
    expect((await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'intune_action', actorId: 'sec2', decision: 'reject' }))).kind).toBe('already_decided');
    expect(await db.transaction((tx) => core.decide(tx, { id: 'nope', kind: 'intune_action', actorId: 'sec2', decision: 'approve' }))).toEqual({ kind: 'not_found' });
  });

  it('one decision path per kind: a request of another kind is refused and stays pending', async () => {
    const r = await db.transaction((tx) => core.open(tx, base('k-kind', { approverIds: ['alice', 'sec2'], kind: 'intune_action', subjectId: 'inc-2' })));
    expect(await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'sec2', decision: 'approve' }))).toEqual({ kind: 'wrong_kind' });
    expect((await core.get(r.id))?.state).toBe('pending');
    expect((await auditKinds(r.id)).map((a) => a.kind)).toEqual(['approval.requested']);
  });

  it('lets the requester approve when allowed, and counts up to the required approvals', async () => {
    const r = await db.transaction((tx) => core.open(tx, base('k-two', { approverIds: ['alice', 'b', 'c'], requesterMayApprove: true, requiredApprovals: 2 })));
    expect((await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'alice', decision: 'approve' }))).kind).toBe('recorded');
    expect((await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'alice', decision: 'approve' }))).kind).toBe('already_decided');
    expect((await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'b', decision: 'approve' }))).kind).toBe('approved');
    expect((await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'c', decision: 'reject' }))).kind).toBe('already_decided');
  });

  it('rejects with a comment stored but not audited', async () => {
    const r = await db.transaction((tx) => core.open(tx, base('k-reject', { requesterId: 'carol' })));
    const out = await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'mgr', decision: 'reject', comment: 'use the spare laptop' }));
    expect(out).toMatchObject({ kind: 'rejected', request: { state: 'rejected' } });
    const votes = await db.query<{ comment: string }>('select comment from approval_votes where request_id = $1', [r.id]);
    expect(votes.rows[0]?.comment).toBe('use the spare laptop');
    expect(JSON.stringify(await auditKinds(r.id))).not.toContain('spare laptop');
    expect(await core.activeFor('carol', 'private_pc', clock.now())).toBeUndefined();
  });

  it('expires: a pending request past its date cannot be decided, an approved one stops counting', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const late = await db.transaction((tx) => core.open(tx, base('k-late', { requesterId: 'bob', expiresAt: new Date('2026-12-02T00:00:00Z') })));
    clock.set('2026-12-02T00:00:00Z');
    expect(await db.transaction((tx) => core.decide(tx, { id: late.id, kind: 'private_pc', actorId: 'mgr', decision: 'approve' }))).toEqual({ kind: 'expired' });
    expect((await core.get(late.id))?.state).toBe('expired');
    expect(await db.transaction((tx) => core.decide(tx, { id: late.id, kind: 'private_pc', actorId: 'admin', decision: 'approve' }))).toEqual({ kind: 'expired' });

    clock.set('2026-12-01T09:00:00Z');
    const r = await db.transaction((tx) => core.open(tx, base('k-valid', { requesterId: 'bob', expiresAt: new Date('2027-06-01T09:00:00Z') })));
    expect(await core.activeFor('bob', 'private_pc', clock.now())).toBeUndefined();
    clock.set('2026-12-01T10:00:00Z');
    await db.transaction((tx) => core.decide(tx, { id: r.id, kind: 'private_pc', actorId: 'mgr', decision: 'approve' }));
    expect((await core.activeFor('bob', 'private_pc', new Date('2026-12-01T10:00:00Z')))?.id).toBe(r.id);
    expect((await core.activeFor('bob', 'private_pc', new Date('2027-05-31T00:00:00Z')))?.id).toBe(r.id);
    expect(await core.activeFor('bob', 'paper_takeout', new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
    expect(await core.activeFor('bob', 'private_pc', new Date('2027-06-01T09:00:00Z'))).toBeUndefined();
  });
});
