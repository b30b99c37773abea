import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBotConnector, type BotConnector, type ConnectorResult } from '../../src/delivery/connector-client';
import { pendingCount } from '../../src/delivery/status';
import type { DeliveryWorker, Reconciler } from '../../src/delivery/worker';
import type { Db } from '../../src/store/db';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { enqueueFanout, graphReconciler as graphReconcilerOf, seedRecipients, testWorker, waitUntil } from '../support/fanout';

/**
 * No second card when a send outlives its lease. What a heavily loaded machine does — renewals that
 * do not get through in time, a call made or finished late — is made to happen on purpose: the
 * renewal statement is dropped, the stand-in connector holds the request (Teams still working on
 * it), and the connector is wrapped to stall before or after its call.
 */
const TENANT = 'tenant-lease';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const http = createBotConnector({ tokens: { getToken: async () => undefined } });

/** The same database, but lease renewals never get through (a starved event loop, a slow database). */
function withoutRenewals(inner: Db): Db {
  const renewal = (sql: string) => sql.trimStart().startsWith('update deliveries d set lease_until');
  return {
    kind: inner.kind,
    query: async <T,>(sql: string, params?: readonly unknown[]) => (renewal(sql) ? { rows: [] as T[] } : inner.query<T>(sql, params)),
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction(fn),
    listen: (channel, onPayload) => inner.listen(channel, onPayload),
    close: () => inner.close(),
  };
}

describe.each(storeKinds())('a lease that runs out mid-send on %s', (kind: StoreKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let cloud: FakeCloud;
  let graphReconciler: Reconciler;
  const workers: DeliveryWorker[] = [];
  let batch = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestStore(kind));
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 250, windowMs: 1000 }] } });
    graphReconciler = graphReconcilerOf(cloud);
  });
  afterEach(async () => {
    cloud.faults.hold = undefined;
    for (const w of workers.splice(0)) await w.stop(3000);
    await db.query('delete from deliveries');
    await db.query('delete from tenant_pacer');
  });
  afterAll(async () => {
    await cloud?.stop();
    await close?.();
  });

  /** A worker with a 1 s lease; no reconciler unless given (Graph not configured). */
  function worker(p: { db?: Db; connector?: BotConnector; reconciler?: Reconciler; requestTimeoutMs: number; settleMs?: number }): DeliveryWorker {
    const w = testWorker(p.db ?? db, {
      rate: 50,
      connector: p.connector ?? http,
      retry: { maxAttempts: 8, baseMs: 50, capMs: 500, throttleFallbackMs: 200 },
      defaultServiceUrl: cloud.connectorUrl,
      reconciler: p.reconciler,
      leaseSeconds: 1,
      requestTimeoutMs: p.requestTimeoutMs,
      settleMs: p.settleMs ?? 300,
    });
    w.start();
    workers.push(w);
    return w;
  }

  async function queuedCard(): Promise<string> {
    batch += 1;
    const [recipient] = await seedRecipients(db, cloud.state, { n: 1, tenantId: TENANT, connectorUrl: cloud.connectorUrl, prefix: `${kind}-lease-${batch}-` });
    if (!recipient) throw new Error('no recipient');
    await enqueueFanout(db, { recipients: [recipient], tenantId: TENANT, batchId: `lease-${batch}` });
    return recipient;
  }

  /** The stand-in connector keeps the next send until released: Teams is still working on it. */
  function holdNextSend(): { arrived: Promise<void>; release(): void } {
    let arrive = () => {};
    let release = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    cloud.faults.hold = async () => {
      cloud.faults.hold = undefined;
      arrive();
      await released;
    };
    return { arrived, release };
  }

  const drained = () => waitUntil(async () => (await pendingCount(db)) === 0, 20_000, 50);

  /** One card at the connector, and the row sent with that card's activity id (so it can be updated). */
  async function expectOneCard(recipient: string): Promise<void> {
    const cards = cloud.state.cardsFor(recipient);
    expect(cards.length, 'cards received').toBe(1);
    const row = await db.query<{ status: string; activity_id: string | null }>('select status, activity_id from deliveries where recipient_id = $1', [recipient]);
    expect(row.rows).toEqual([{ status: 'sent', activity_id: cards[0]?.activityId }]);
  }

  it.each(['another worker', 'the same worker'])(
    'a call Teams is still working on when the lease runs out is not sent again by %s',
    async (who) => {
      const recipient = await queuedCard();
      const teams = holdNextSend();
      worker({ db: withoutRenewals(db), requestTimeoutMs: 4000 });
      await teams.arrived;
      if (who === 'another worker') worker({ requestTimeoutMs: 4000 });
      await sleep(1500); // the 1 s lease is over; the call's own 4 s are not
      teams.release();
      await drained();
      await sleep(300);
      await expectOneCard(recipient);
      // Nobody took the row while its call could still land: the lease covered the call.
      expect((await db.query<{ fence: number }>('select fence from deliveries where recipient_id = $1', [recipient])).rows).toEqual([{ fence: 1 }]);
    },
    30_000,
  );

  it('a worker does not take back a row whose call it still waits for, even past the call deadline (a late timer)', async () => {
    const recipient = await queuedCard();
    const teams = holdNextSend();
    const lateTimer: BotConnector = { ...http, send: (serviceUrl, conversationId, activity) => http.send(serviceUrl, conversationId, activity) };
    worker({ db: withoutRenewals(db), connector: lateTimer, requestTimeoutMs: 1000 });
    await teams.arrived;
    await sleep(2500); // lease and deadline are over; the call is not
    teams.release();
    await drained();
    await sleep(300);
    await expectOneCard(recipient);
  }, 30_000);

  it('a token endpoint slower than every call’s deadline: each attempt counts, the card fails after the last and is never sent', async () => {
    const recipient = await queuedCard();
    const slowToken = createBotConnector({ tokens: { getToken: async () => { await sleep(300); return undefined; } } });
    worker({ connector: slowToken, requestTimeoutMs: 200 });
    await drained(); // before: each attempt was a late start, given back — never sent, never failed
    expect(cloud.state.cardsFor(recipient)).toHaveLength(0);
    const row = await db.query<{ status: string; attempts: number; uncertain: boolean }>('select status, attempts, uncertain from deliveries where recipient_id = $1', [recipient]);
    expect(row.rows).toEqual([{ status: 'failed', attempts: 8, uncertain: false }]);
  }, 30_000);

  it('a call whose deadline passed before it was made (the process stalled after marking the row) is not made', async () => {
    const recipient = await queuedCard();
    let stalledCall: Promise<ConnectorResult> | undefined;
    // The process stalls once, on its first call; a later attempt of its own (should the row come back
    // to it) goes at once — on a loaded CI machine repeated stalls made the two workers trade the row
    // for longer than the test waits.
    const stalled: BotConnector = {
      ...http,
      send: (...call) => {
        if (stalledCall) return http.send(...call);
        stalledCall = sleep(2500).then(() => http.send(...call));
        return stalledCall;
      },
    };
    worker({ db: withoutRenewals(db), connector: stalled, requestTimeoutMs: 1000 });
    await waitUntil(async () => (await db.query("select 1 from deliveries where status = 'sending'")).rows.length > 0, 5000, 20);
    // Another replica takes the row once the lease and the call's deadline are over, and asks Graph first.
    worker({ reconciler: graphReconciler, requestTimeoutMs: 1000 });
    await drained();
    await sleep(100);
    await stalledCall;
    await sleep(300);
    await expectOneCard(recipient);
  }, 30_000);

  it('an answer stored late (the process stalled after Teams accepted) is kept, and the card is not sent again', async () => {
    const recipient = await queuedCard();
    const slowToStore: BotConnector = {
      ...http,
      send: async (...call) => {
        const result = await http.send(...call);
        await sleep(2000);
        return result;
      },
    };
    worker({ db: withoutRenewals(db), connector: slowToStore, requestTimeoutMs: 1000 });
    // Another replica takes the row after the call's deadline and waits 3 s for it to settle.
    await waitUntil(async () => (await db.query("select 1 from deliveries where status = 'sending'")).rows.length > 0, 5000, 20);
    worker({ requestTimeoutMs: 1000, settleMs: 3000 });
    await drained();
    await sleep(300);
    await expectOneCard(recipient);
  }, 30_000);
});
