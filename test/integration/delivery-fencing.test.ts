import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBotConnector, type BotConnector } from '../../src/delivery/connector-client';
import { pendingCount } from '../../src/delivery/status';
import { createDeliveryStore } from '../../src/delivery/store';
import type { DeliveryWorker, Reconciler } from '../../src/delivery/worker';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { enqueueFanout, graphReconciler, seedRecipients, testWorker, waitUntil } from '../support/fanout';

/**
 * Exactly once when timing goes wrong, with delays longer than the lease instead of luck: a send
 * still in flight when its lease runs out, a crashed send whose request reaches Teams late, Graph
 * unavailable while a crashed send is checked, and a crashed send caught by a 429 pause.
 */
const TENANT = 'tenant-fence';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const http = createBotConnector({ tokens: { getToken: async () => undefined } });

describe.each(storeKinds())('exactly once under slow sends and crashes on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let cloud: FakeCloud;
  let reconciler: Reconciler;
  const workers: DeliveryWorker[] = [];
  let batch = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 250, windowMs: 1000 }] } });
    reconciler = graphReconciler(cloud);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop(3000);
    await db.query('delete from deliveries');
    await db.query('delete from tenant_pacer');
  });
  afterAll(async () => {
    await cloud?.stop();
    await close?.();
  });

  function worker(p: { connector?: BotConnector; reconciler?: Reconciler; rate?: number; leaseSeconds?: number; requestTimeoutMs?: number }): DeliveryWorker {
    const w = testWorker(db, {
      rate: p.rate ?? 50,
      connector: p.connector ?? http,
      retry: { maxAttempts: 8, baseMs: 50, capMs: 500, throttleFallbackMs: 200 },
      defaultServiceUrl: cloud.connectorUrl,
      reconciler: p.reconciler ?? reconciler,
      leaseSeconds: p.leaseSeconds,
      requestTimeoutMs: p.requestTimeoutMs,
      settleMs: 300,
    });
    workers.push(w);
    return w;
  }

  /** n recipients with one queued card each, in a fresh batch. */
  async function queued(n: number): Promise<{ recipients: string[]; batchId: string }> {
    batch += 1;
    const batchId = `fence-${batch}`;
    const recipients = await seedRecipients(db, cloud.state, { n, tenantId: TENANT, connectorUrl: cloud.connectorUrl, prefix: `${kind}-${batch}-` });
    await enqueueFanout(db, { recipients, tenantId: TENANT, batchId });
    return { recipients, batchId };
  }

  /** What a process that died mid-call leaves behind: the row `sending` under an expired lease. */
  async function crashedMidCall(recipients: readonly string[], startedSecondsAgo: number): Promise<void> {
    await db.query(
      `update deliveries set status = 'sending', attempts = 1, lease_owner = 'dead-process', lease_until = now() - interval '1 second',
         updated_at = now() - make_interval(secs => $2::float8) where recipient_id = any($1::text[])`,
      [recipients, startedSecondsAgo],
    );
  }

  /** The dead process's request reaching Teams: the stored card, sent to the stored conversation. */
  async function deliverDirectly(recipients: readonly string[]): Promise<void> {
    const r = await db.query<{ recipient_id: string; activity: Record<string, unknown> }>(
      'select recipient_id, activity from deliveries where recipient_id = any($1::text[])',
      [recipients],
    );
    for (const row of r.rows) expect((await http.send(cloud.connectorUrl, `a:conv-${row.recipient_id}`, row.activity)).ok).toBe(true);
  }

  async function drained(): Promise<void> {
    await waitUntil(async () => (await pendingCount(db)) === 0, 30_000, 50);
  }

  function expectOneCardEach(recipients: readonly string[]): void {
    const counts = cloud.state.countByUser();
    expect(recipients.map((u) => `${u}:${counts.get(u) ?? 0}`)).toEqual(recipients.map((u) => `${u}:1`));
  }

  it('a worker whose lease ran out and whose row was claimed again writes nothing (fencing)', async () => {
    await queued(1);
    const store = createDeliveryStore(db);
    const claim = { limit: 1, leaseSeconds: 30, horizonSeconds: 1, requestTimeoutMs: 1000, settleMs: 0 };
    const [stale] = await store.claim({ ...claim, owner: 'same-process' });
    await db.query(`update deliveries set lease_until = now() - interval '1 second'`);
    const [current] = await store.claim({ ...claim, owner: 'same-process' });
    if (!stale || !current) throw new Error('nothing claimed');
    expect(current.fence).toBe(stale.fence + 1);
    expect(await store.markSending(stale.id, stale.fence, 1000)).toBe(false);
    expect(await store.markSending(current.id, current.fence, 1000)).toBe(true);
    expect(await store.markSent(stale.id, stale.fence, 'stale-activity', 'c')).toBe(false);
    expect(await store.reschedule(stale.id, stale.fence, { delayMs: 0 })).toBe(false);
    expect(await store.markFailed(stale.id, stale.fence, 'blocked')).toBe(false);
    expect(await store.renew([{ id: stale.id, fence: stale.fence }], 30)).toBe(0);
    expect(await store.markSent(current.id, current.fence, 'activity', 'c')).toBe(true);
    const row = await db.query<{ status: string; activity_id: string }>('select status, activity_id from deliveries where id = $1', [current.id]);
    expect(row.rows[0]).toEqual({ status: 'sent', activity_id: 'activity' });
  });

  it('a send slower than the lease is not claimed and sent again by another worker', async () => {
    const { recipients } = await queued(10);
    const slow: BotConnector = { ...http, send: async (...a) => (await sleep(4000), http.send(...a)) };
    worker({ connector: slow, leaseSeconds: 1 }).start();
    await waitUntil(async () => (await db.query<{ n: number }>("select count(*)::int as n from deliveries where status = 'sending'")).rows[0]?.n === 10, 10_000, 20);
    worker({ leaseSeconds: 1 }).start();
    await drained();
    await sleep(500);
    expectOneCardEach(recipients);
  }, 60_000);

  it('a crashed send is checked only after its call could have ended, so a late arrival is found', async () => {
    const { recipients } = await queued(5);
    await crashedMidCall(recipients, 0);
    worker({ requestTimeoutMs: 1500 }).start();
    await sleep(800);
    await deliverDirectly(recipients);
    await drained();
    await sleep(500);
    expectOneCardEach(recipients);
  }, 60_000);

  it('Graph unavailable while checking a crashed send: asked again later, not sent again', async () => {
    const { recipients } = await queued(5);
    await deliverDirectly(recipients);
    await crashedMidCall(recipients, 120);
    const asked = new Map<string, number>();
    // The real reconciler answers 'unknown' when Graph fails; here it fails twice per card.
    const flaky: Reconciler = {
      find: async (d) => {
        asked.set(d.key, (asked.get(d.key) ?? 0) + 1);
        return (asked.get(d.key) ?? 0) <= 2 ? 'unknown' : reconciler.find(d);
      },
    };
    worker({ reconciler: flaky }).start();
    await drained();
    expectOneCardEach(recipients);
    const sent = await db.query<{ n: number }>("select count(*)::int as n from deliveries where status = 'sent' and recipient_id = any($1::text[])", [recipients]);
    expect(sent.rows[0]?.n).toBe(5);
  }, 60_000);

  it('crashed sends caught by a 429 pause are still checked before they are sent again', async () => {
    const { recipients } = await queued(6);
    const [first, ...crashed] = recipients as [string, ...string[]];
    await deliverDirectly(crashed);
    await crashedMidCall(crashed, 120);
    // The fresh card is due first; its 429 pauses the tenant while the crashed ones come up.
    await db.query(`update deliveries set next_attempt_at = now() - interval '10 seconds' where recipient_id = $1`, [first]);
    await db.query(`update deliveries set next_attempt_at = now() - interval '5 seconds' where recipient_id = any($1::text[])`, [crashed]);
    let throttled = false;
    const once429: BotConnector = {
      ...http,
      send: async (...a) => {
        if (throttled) return http.send(...a);
        throttled = true;
        return { ok: false, status: 429, code: 'Throttled', retryAfterMs: 1000, message: 'Too many requests' };
      },
    };
    worker({ connector: once429, rate: 10 }).start();
    await drained();
    await sleep(300);
    expect(throttled).toBe(true);
    expectOneCardEach(recipients);
  }, 60_000);
});
