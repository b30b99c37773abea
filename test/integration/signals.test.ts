import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceLostSignal, VpnSignal } from '../../src/features/signals';
import { JOBS } from '../../src/jobs/names';
import { usersRepo } from '../../src/store/users';
import { startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { FakeClock } from '../support/fake-clock';
import { postSignal, signalSignature } from '../support/signals';

const OLD_SECRET = 'old-secret-0123456789abcdef';
const NEW_SECRET = 'new-secret-fedcba9876543210';
const ALICE = '6f1c2a4e-8b0d-4c1e-9a57-3d2b1e0f9a01';
const BOB = '0b7d3e12-5c4a-4f8e-b1d2-7e6f5a4b3c02';
const TENANT = 'tenant-signals';
/** Another customer on the same deployment, with its own secret and its own people. */
const OTHER_TENANT = 'tenant-other';
const OTHER_SECRET = 'other-secret-5566778899aabbcc';
const CAROL = '9c2e4f60-1a3b-4c5d-8e7f-a0b1c2d3e4f5';

// Tuesday 2026-11-24 18:20 in Tokyo.
const clock = new FakeClock('2026-11-24T09:20:00Z');
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

let seq = 0;
const event = (over: Record<string, unknown> = {}) => ({
  id: `evt-${++seq}`,
  type: 'vpn.session.opened',
  occurredAt: '2026-11-24T18:12:00+09:00',
  user: { aadObjectId: ALICE },
  device: { id: 'dev-1', serial: 'SN-1', name: 'Alice の PC' },
  data: { gateway: 'gw-tokyo-1', sessionId: 's-42' },
  ...over,
});

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.each(storeKinds())('signals webhook on %s', (kind: StoreKind) => {
  let app: TestApp;
  let close: () => Promise<void>;
  const vpnCalls: VpnSignal[] = [];
  const lostCalls: DeviceLostSignal[] = [];
  const key = (id: string) => `${TENANT}/${id}`;

  const signed = (body: unknown, secret = OLD_SECRET, unixSeconds = nowSeconds()) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return postSignal(app.url, raw, { secret, unixSeconds });
  };
  const stored = async () => {
    const signals = await app.db.query<{ n: number }>('select count(*)::int as n from signals');
    const jobs = await app.db.query<{ n: number }>('select count(*)::int as n from pgboss.job where name = $1', [JOBS.signalsProcess]);
    return { signals: signals.rows[0]?.n, jobs: jobs.rows[0]?.n };
  };
  const processedAt = async (id: string, tenantId = TENANT) =>
    (await app.db.query<{ processed_at: Date | null }>('select processed_at from signals where tenant_id = $1 and id = $2', [tenantId, id])).rows[0]?.processed_at ?? undefined;

  beforeAll(async () => {
    const store = await openTestStore(kind);
    close = store.close;
    for (const [id, tenantId, extra] of [
      [ALICE, TENANT, { upn: 'Alice@Contoso.example' }],
      [BOB, TENANT, { email: 'Bob.Smith@Contoso.example' }],
      [CAROL, OTHER_TENANT, { upn: 'carol@fabrikam.example' }],
    ] as const) {
      await usersRepo.upsert(store.db, {
        id, tenantId, name: id === ALICE ? 'Alice' : id === BOB ? 'Bob' : 'Carol', locale: 'en', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, ...extra,
      });
    }
    // The app runs on this store (pg-boss included) through the db override; the first tenant has a rotation pair.
    app = await startTestApp(
      { SIGNALS_HMAC_SECRETS: `${TENANT}:${OLD_SECRET}, ${TENANT}:${NEW_SECRET}, ${OTHER_TENANT}:${OTHER_SECRET}`, SIGNALS_INCIDENTS_PER_PERSON_PER_DAY: '2' },
      { db: store.db, clock, overrides: { signalListeners: [{ onVpnSignal: async (e) => void vpnCalls.push(e), onDeviceLost: async (e) => void lostCalls.push(e) }] } },
    );
  });
  afterAll(async () => {
    await app?.stop();
    await close?.();
  });

  it('accepts a valid event with 202, stores it once, and answers a replay with 200 duplicate', async () => {
    // Spacing and non-ASCII on purpose: the signature covers these exact bytes, not a re-serialization.
    const body = event({ id: 'evt-first' });
    const raw = JSON.stringify(body, null, 2);
    const before = await stored();
    const first = await signed(raw);
    expect(first).toEqual({ status: 202, body: { id: 'evt-first' } });
    const rows = await app.db.query('select tenant_id, user_id, type, occurred_at, device, data, received_at from signals where id = $1', ['evt-first']);
    expect(rows.rows).toEqual([
      {
        tenant_id: TENANT, user_id: ALICE, type: 'vpn.session.opened', occurred_at: new Date('2026-11-24T09:12:00Z'),
        device: body.device, data: body.data, received_at: clock.now(),
      },
    ]);

    const replay = await signed(raw);
    expect(replay).toEqual({ status: 200, body: { id: 'evt-first', duplicate: true } });
    // Same id with another body and user is still the same event.
    expect(await signed(event({ id: 'evt-first', type: 'device.lost', user: { upn: 'bob.smith@contoso.example' } }))).toEqual({
      status: 200, body: { id: 'evt-first', duplicate: true },
    });
    expect(await stored()).toEqual({ signals: (before.signals ?? 0) + 1, jobs: (before.jobs ?? 0) + 1 });
  });

  it('processes the event in a job that calls the VPN handler once, even when the job runs again', async () => {
    await waitFor('evt-first processed', () => processedAt('evt-first'));
    expect(vpnCalls.filter((c) => c.eventId === key('evt-first'))).toEqual([
      { type: 'vpn.session.opened', userId: ALICE, tenantId: TENANT, occurredAt: new Date('2026-11-24T09:12:00Z'), eventId: key('evt-first') },
    ]);
    // A retried (or duplicated) job for the same event has no second effect.
    const jobId = await app.queue.send(JOBS.signalsProcess, { eventId: 'evt-first', tenantId: TENANT });
    await waitFor('the repeated job', async () => {
      const r = await app.db.query<{ state: string }>('select state from pgboss.job where id = $1', [jobId]);
      return r.rows[0]?.state === 'completed' ? true : undefined;
    });
    expect(vpnCalls.filter((c) => c.eventId === key('evt-first'))).toHaveLength(1);
  });

  it('matches people by object id in any case, by UPN case-insensitively, and by email where no UPN is known', async () => {
    expect((await signed(event({ id: 'evt-upn', type: 'vpn.session.closed', user: { upn: 'ALICE@contoso.EXAMPLE' } }))).status).toBe(202);
    expect((await signed(event({ id: 'evt-email', user: { upn: 'bob.smith@contoso.example' } }))).status).toBe(202);
    expect((await signed(event({ id: 'evt-upper', user: { aadObjectId: BOB.toUpperCase() } }))).status).toBe(202);
    // An aadObjectId the directory does not know falls back to the UPN.
    expect((await signed(event({ id: 'evt-both', user: { aadObjectId: '11111111-2222-4333-8444-555555555555', upn: 'alice@contoso.example' } }))).status).toBe(202);
    const owners = await app.db.query('select id, user_id from signals where id in ($1, $2, $3, $4) order by id', ['evt-both', 'evt-email', 'evt-upn', 'evt-upper']);
    expect(owners.rows).toEqual([
      { id: 'evt-both', user_id: ALICE },
      { id: 'evt-email', user_id: BOB },
      { id: 'evt-upn', user_id: ALICE },
      { id: 'evt-upper', user_id: BOB },
    ]);
    await waitFor('evt-upn handled', async () => (vpnCalls.some((c) => c.eventId === key('evt-upn')) ? true : undefined));
    expect(vpnCalls.find((c) => c.eventId === key('evt-upn'))).toMatchObject({ type: 'vpn.session.closed', userId: ALICE });
  });

  it('stores device events and marks them processed without calling the VPN handler', async () => {
    expect((await signed(event({ id: 'evt-lost', type: 'device.lost' }))).status).toBe(202);
    expect((await signed(event({ id: 'evt-noncompliant', type: 'device.noncompliant', data: undefined }))).status).toBe(202);
    await waitFor('device events processed', async () => ((await processedAt('evt-lost')) && (await processedAt('evt-noncompliant')) ? true : undefined));
    expect(vpnCalls.filter((c) => c.eventId.startsWith(key('evt-lost')) || c.eventId === key('evt-noncompliant'))).toEqual([]);
  });

  it('binds each secret to its tenant: another tenant’s people are unknown to it, and its event ids are its own', async () => {
    // Alice is not Fabrikam's: its secret cannot name her, by object id or by UPN.
    expect(await signed(event({ id: 'evt-cross', user: { aadObjectId: ALICE } }), OTHER_SECRET)).toEqual({ status: 422, body: { error: 'unknown-user' } });
    expect(await signed(event({ id: 'evt-cross', user: { upn: 'alice@contoso.example' } }), OTHER_SECRET)).toEqual({ status: 422, body: { error: 'unknown-user' } });
    // Contoso's secret cannot name Carol either.
    expect(await signed(event({ id: 'evt-cross', user: { aadObjectId: CAROL } }))).toEqual({ status: 422, body: { error: 'unknown-user' } });
    // An id Contoso used already is new for Fabrikam (no pre-empting, no duplicate leak across tenants).
    expect(await signed(event({ id: 'evt-first', user: { upn: 'carol@fabrikam.example' } }), OTHER_SECRET)).toEqual({ status: 202, body: { id: 'evt-first' } });
    const rows = await app.db.query('select tenant_id, user_id from signals where id = $1 order by tenant_id', ['evt-first']);
    expect(rows.rows).toEqual([{ tenant_id: OTHER_TENANT, user_id: CAROL }, { tenant_id: TENANT, user_id: ALICE }]);
    await waitFor('Fabrikam’s evt-first handled', () => processedAt('evt-first', OTHER_TENANT));
    expect(vpnCalls.filter((c) => c.eventId === `${OTHER_TENANT}/evt-first`)).toEqual([expect.objectContaining({ tenantId: OTHER_TENANT, userId: CAROL })]);
  });

  it('opens at most the limit of incidents per person from signals; the rest are stored, audited and alert nobody', async () => {
    for (const id of ['evt-bob-lost-1', 'evt-bob-lost-2', 'evt-bob-lost-3']) {
      expect((await signed(event({ id, type: 'device.lost', user: { aadObjectId: BOB } }))).status).toBe(202);
      await waitFor(`${id} processed`, () => processedAt(id));
    }
    expect(lostCalls.filter((c) => c.userId === BOB).map((c) => c.eventId)).toEqual([key('evt-bob-lost-1'), key('evt-bob-lost-2')]);
    const decisions = await app.db.query('select id, limit_decision from signals where user_id = $1 and type = $2 order by id', [BOB, 'device.lost']);
    expect(decisions.rows).toEqual([
      { id: 'evt-bob-lost-1', limit_decision: 'admitted' },
      { id: 'evt-bob-lost-2', limit_decision: 'admitted' },
      { id: 'evt-bob-lost-3', limit_decision: 'person_limit' },
    ]);
    const audit = await app.db.query('select tenant_id, subject_id, data from audit_log where kind = $1', ['signal.suppressed']);
    expect(audit.rows).toEqual([{ tenant_id: TENANT, subject_id: BOB, data: { eventId: 'evt-bob-lost-3', type: 'device.lost', reason: 'person_limit' } }]);
    // The job running again repeats the stored decision: still no alert, no second audit row.
    const jobId = await app.queue.send(JOBS.signalsProcess, { eventId: 'evt-bob-lost-3', tenantId: TENANT });
    await waitFor('the repeated job', async () => {
      const r = await app.db.query<{ state: string }>('select state from pgboss.job where id = $1', [jobId]);
      return r.rows[0]?.state === 'completed' ? true : undefined;
    });
    expect(lostCalls.filter((c) => c.userId === BOB)).toHaveLength(2);
    // A day later Bob's count starts again.
    clock.advance({ hours: 25 });
    expect((await signed(event({ id: 'evt-bob-lost-4', type: 'device.lost', user: { aadObjectId: BOB } }))).status).toBe(202);
    await waitFor('evt-bob-lost-4 processed', () => processedAt('evt-bob-lost-4'));
    expect(lostCalls.filter((c) => c.userId === BOB)).toHaveLength(3);
  });

  it('stores a concurrent burst once per id, repeats included', async () => {
    const before = await stored();
    const bodies = Array.from({ length: 60 }, (_, i) => event({ id: i % 3 === 0 ? 'evt-burst-same' : `evt-burst-${i}`, user: i % 2 ? { aadObjectId: BOB } : { upn: 'alice@contoso.example' } }));
    const answers = await Promise.all(bodies.map((b) => signed(b)));
    const same = answers.filter((_, i) => i % 3 === 0);
    expect(same.filter((a) => a.status === 202)).toEqual([{ status: 202, body: { id: 'evt-burst-same' } }]);
    expect(same.filter((a) => a.status === 200)).toHaveLength(19);
    expect(answers.filter((_, i) => i % 3 !== 0).every((a) => a.status === 202)).toBe(true);
    expect(await stored()).toEqual({ signals: (before.signals ?? 0) + 41, jobs: (before.jobs ?? 0) + 41 });
  });

  it('accepts a request signed with the second secret (rotation)', async () => {
    expect(await signed(event({ id: 'evt-rotated' }), NEW_SECRET)).toEqual({ status: 202, body: { id: 'evt-rotated' } });
  });

  it('accepts a body of exactly 64 KB', async () => {
    const base = JSON.stringify(event({ id: 'evt-64k', data: { pad: '' } }));
    const raw = base.replace('"pad":""', `"pad":"${'x'.repeat(64 * 1024 - Buffer.byteLength(base))}"`);
    expect(Buffer.byteLength(raw)).toBe(64 * 1024);
    expect((await signed(raw)).status).toBe(202);
  });

  const refusals: [string, () => Promise<{ status: number; body: unknown }>, number, unknown][] = [
    ['no signature', () => postSignal(app.url, JSON.stringify(event()), { header: null }), 401, { error: 'unauthorized' }],
    ['a malformed signature', () => postSignal(app.url, JSON.stringify(event()), { header: 'sha256=abc' }), 401, { error: 'unauthorized' }],
    ['a wrong signature', () => signed(event(), 'some-other-secret-0123456789'), 401, { error: 'unauthorized' }],
    [
      'a signature of another body',
      () => postSignal(app.url, JSON.stringify(event()), { header: signalSignature(OLD_SECRET, JSON.stringify(event()), nowSeconds()) }),
      401,
      { error: 'unauthorized' },
    ],
    ['a stale timestamp', () => signed(event(), OLD_SECRET, nowSeconds() - 301), 401, { error: 'unauthorized' }],
    ['a timestamp too far ahead', () => signed(event(), OLD_SECRET, nowSeconds() + 301), 401, { error: 'unauthorized' }],
    ['bad JSON', () => signed('{"id": "evt-x", "type": '), 400, { error: 'invalid-json' }],
    ['a missing field', () => signed({ ...event(), type: undefined }), 400, { error: 'invalid', path: 'type', code: 'invalid_type' }],
    ['an unknown type', () => signed(event({ type: 'vpn.session.paused' })), 400, { error: 'invalid', path: 'type', code: 'invalid_enum_value' }],
    ['a bad aadObjectId', () => signed(event({ user: { aadObjectId: 'not-a-uuid' } })), 400, { error: 'invalid', path: 'user.aadObjectId', code: 'invalid_string' }],
    ['a user without aadObjectId or upn', () => signed(event({ user: {} })), 400, { error: 'invalid', path: 'user', code: 'custom' }],
    ['a time without offset', () => signed(event({ occurredAt: '2026-11-24T18:12:00' })), 400, { error: 'invalid', path: 'occurredAt', code: 'invalid_string' }],
    ['an id over 200 characters', () => signed(event({ id: 'x'.repeat(201) })), 400, { error: 'invalid', path: 'id', code: 'too_big' }],
    ['data that is not an object', () => signed(event({ data: ['a'] })), 400, { error: 'invalid', path: 'data', code: 'invalid_type' }],
    ['NUL in the id (the store cannot hold it)', () => signed(event({ id: 'evt-\u0000' })), 400, { error: 'invalid', path: 'id', code: 'custom' }],
    ['an unpaired surrogate in data', () => signed(JSON.stringify(event()).replace('"s-42"', '"\\ud800"')), 400, { error: 'invalid', path: 'data', code: 'custom' }],
    [
      'data nested 30,000 levels deep',
      () => signed(JSON.stringify(event({ data: { deep: 0 } })).replace('"deep":0', `"deep":${'['.repeat(30_000)}${']'.repeat(30_000)}`)),
      400,
      { error: 'invalid', path: 'data', code: 'custom' },
    ],
    ['a time the store cannot hold', () => signed(event({ occurredAt: '0000-01-01T00:00:00Z' })), 400, { error: 'invalid', path: 'occurredAt', code: 'custom' }],
    ['an oversized body', () => signed(event({ data: { pad: 'x'.repeat(64 * 1024) } })), 413, { error: 'too-large', maxBytes: 65536 }],
    ['an unknown user', () => signed(event({ user: { upn: 'nobody@contoso.example' } })), 422, { error: 'unknown-user' }],
  ];
  it.each(refusals)('refuses %s and stores nothing', async (_name, send, status, body) => {
    const before = await stored();
    expect(await send()).toEqual({ status, body });
    expect(await stored()).toEqual(before);
  });

  it('refuses an oversized body sent without Content-Length (chunked) and stores nothing', async () => {
    const before = await stored();
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit: the server must answer without reading it all.
        if (sent++ < 1000) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${app.url}/api/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anshin-signature': signalSignature(OLD_SECRET, 'x', nowSeconds()) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1000);
    expect(await stored()).toEqual(before);
    // The server keeps serving.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('signals webhook without secrets', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, { clock });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 404 and stores nothing', async () => {
    const raw = JSON.stringify(event());
    const res = await postSignal(app.url, raw, { secret: OLD_SECRET, unixSeconds: nowSeconds() });
    expect(res.status).toBe(404);
    expect((await app.db.query<{ n: number }>('select count(*)::int as n from signals')).rows[0]?.n).toBe(0);
  });
});
