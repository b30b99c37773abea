import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowHash, type AuditData } from '../../src/audit/hash';
import { AUDIT_KINDS, type AuditChain } from '../../src/audit/kinds';
import { createAuditLog } from '../../src/audit/log';
import { verifyAuditLog } from '../../src/audit/verify';
import { VERBS } from '../../src/cards/verbs';
import { auditExportLink } from '../../src/http/audit-export';
import { createLinkSigner } from '../../src/http/signing';
import { executeActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { organisation, seedPeople } from '../support/people';

const TENANT = 'tenant-audit';
// Tuesday 2026-11-24 10:30 in Tokyo.
const clock = new FakeClock('2026-11-24T01:30:00Z');
const DATE = '2026-11-24';
const org = organisation(4, 1, 1);
const start = {
  date: DATE, startTime: '09:05', place: 'home', connection: 'public_wifi', device: 'company_pc', screenPrivate: 'true',
  notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '2', comment: 'private note 秘密',
};
const safe = (roundId: string) => ({ roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'other', locationOther: 'my secret place', comment: 'free text' });

/** RFC 4180 as the export writes it: every cell quoted, CRLF lines. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"')));
}

describe('audit log of the running app', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let roundId = '';
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const kinds = async () => (await app.db.query<{ kind: string }>('select kind from audit_log order by seq')).rows.map((r) => r.kind);

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({}, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: [...org.members, ...org.managers, ...org.admins] });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('records the configuration at start', async () => {
    // The configuration, and the guideline file the questions are answered from (its first version).
    expect(await kinds()).toEqual([AUDIT_KINDS.configLoaded, AUDIT_KINDS.guidelineLoaded]);
  });

  it('records check-in answers and violations with the answer, never the comment or the mood', async () => {
    expect((await app.post(executeActivity(who('emp-0001'), VERBS.startSubmit, start))).status).toBe(200);
    const rows = await app.db.query<{ kind: string; chain: string; tenant_id: string; actor_id: string; data: Record<string, unknown> }>(
      `select kind, chain, tenant_id, actor_id, data from audit_log where kind like 'checkin.%' order by seq`,
    );
    expect(rows.rows).toEqual([
      { kind: 'checkin.start', chain: 'working_time', tenant_id: TENANT, actor_id: 'emp-0001', data: expect.objectContaining({ workDate: DATE, startTime: '09:05', connection: 'public_wifi', revision: 1 }) },
      { kind: 'checkin.violation', chain: 'working_time', tenant_id: TENANT, actor_id: 'emp-0001', data: { workDate: DATE, phase: 'start', violations: [{ kind: 'public_wifi', ruleRef: expect.any(String) }] } },
    ]);
    expect(rows.rows[0]?.data).not.toHaveProperty('mood');
    expect(JSON.stringify(rows.rows)).not.toContain('private note');

    await app.post(executeActivity(who('emp-0002'), VERBS.dayOff, { date: DATE, reason: 'not_working' }));
    expect(await kinds()).toContain(AUDIT_KINDS.checkinDayStatus);
  });

  it('records a round: start, answers, phone results and the close', async () => {
    await app.post(executeActivity(who('admin-1'), VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true', message: '訓練です' }));
    roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    await app.post(executeActivity(who('emp-0001'), VERBS.safetyAnswer, safe(roundId)));
    await app.post(executeActivity(who('mgr-1'), VERBS.safetyPhone, { roundId, userId: 'emp-0002', result: 'safe' }));
    await app.post(executeActivity(who('admin-1'), VERBS.roundCloseConfirmed, { roundId }));
    const rows = await app.db.query<{ kind: string; actor_id: string; subject_id: string; data: Record<string, unknown> }>(
      `select kind, actor_id, subject_id, data from audit_log where kind like 'round.%' order by seq`,
    );
    expect(rows.rows).toEqual([
      { kind: 'round.started', actor_id: 'admin-1', subject_id: roundId, data: expect.objectContaining({ source: 'admin', kind: 'earthquake', drill: true, scope: 'everyone', recipients: 6 }) },
      { kind: 'round.answered', actor_id: 'emp-0001', subject_id: roundId, data: expect.objectContaining({ ownStatus: 'safe', location: 'other' }) },
      { kind: 'round.phone', actor_id: 'mgr-1', subject_id: roundId, data: { userId: 'emp-0002', result: 'safe' } },
      { kind: 'round.closed', actor_id: 'admin-1', subject_id: roundId, data: { total: 6, answered: 2, pending: 4 } },
    ]);
    const text = JSON.stringify(rows.rows);
    for (const secret of ['訓練です', 'my secret place', 'free text']) expect(text).not.toContain(secret);
    expect((await verifyAuditLog(app.db)).problem).toBeUndefined();
  });

  it('exports the tenant’s rows as CSV through a signed link, from which every hash can be recomputed', async () => {
    // An id crafted as a spreadsheet formula must arrive as text.
    await app.db.transaction((tx) => createAuditLog({ clock }).append(tx, { kind: AUDIT_KINDS.adminAction, tenantId: TENANT, actorId: '=HYPERLINK("http://evil")', data: { action: 'test' } }));
    const signer = await createLinkSigner(app.db);
    const link = auditExportLink(signer.sign, { from: DATE, to: DATE, tenantId: TENANT }, 600);
    const res = await fetch(`${app.url}${link}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = parseCsv(await res.text());
    expect(header).toEqual(['seq', 'chain', 'at', 'tenant_id', 'kind', 'actor_id', 'subject_id', 'data', 'prev_hash', 'hash']);
    const tenantRows = await app.db.query<{ n: number }>('select count(*)::int as n from audit_log where tenant_id = $1', [TENANT]);
    expect(lines).toHaveLength(tenantRows.rows[0]?.n as number);
    expect(lines.every((l) => l[3] === TENANT)).toBe(true); // config.loaded (no tenant) is not in a tenant's export
    expect(lines.map((l) => l[4])).toContain('round.closed');
    expect(lines.find((l) => l[4] === 'admin.action')?.[5]).toBe(`'=HYPERLINK("http://evil")`);
    for (const [seq, chain, at, tenant, kind, actor, subject, data, prev, hash] of lines.filter((l) => l[4] !== 'admin.action') as string[][]) {
      const row = { seq: Number(seq), chain: chain as AuditChain, at: new Date(at as string), tenantId: tenant || null, kind: kind as string, actorId: actor || null, subjectId: subject || null, data: JSON.parse(data as string) as AuditData, prevHash: prev as string };
      expect(rowHash(row)).toBe(hash);
    }
  });

  it('refuses a widened, altered or expired link', async () => {
    const signer = await createLinkSigner(app.db);
    const link = auditExportLink(signer.sign, { from: DATE, to: DATE, tenantId: TENANT }, 600);
    const status = async (path: string) => (await fetch(`${app.url}${path}`)).status;
    expect(await status(link.replace(`to=${DATE}`, 'to=2026-12-31'))).toBe(403);
    expect(await status(link.replace(`&tenant=${TENANT}`, ''))).toBe(403);
    expect(await status(link.replace(`tenant=${TENANT}`, 'tenant=tenant-other'))).toBe(403);
    expect(await status(link.replace(/sig=[^&]+/, 'sig=AAAA'))).toBe(403);
    expect(await status('/api/exports/audit.csv?from=2026-11-24&to=2026-11-24')).toBe(403);
    const past = await createLinkSigner(app.db, () => Date.now() - 3_600_000);
    expect(await status(auditExportLink(past.sign, { from: DATE, to: DATE, tenantId: TENANT }, 60))).toBe(403);
    // A link for all tenants (made by an operator) covers config.loaded too.
    const all = await fetch(`${app.url}${auditExportLink(signer.sign, { from: DATE, to: DATE }, 600)}`);
    expect(await all.text()).toContain('config.loaded');
  });
});
