import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalSignature } from '../support/signals';
import { startFuzzApp, TENANT, type FuzzApp } from './app';
import { corrupt, deepJson, hostileString, hostileValue, POLLUTION, prototypeIntact, runs } from './hostile';

/**
 * POST /api/signals under random and hostile bodies and signatures: a 4xx every time (401 unsigned,
 * 400 invalid, 413 too large, 422 for nobody we know), never a 5xx, and no signal stored.
 */
const SECRET = 'fuzz-secret-0123456789abcdef';
const EVENT = {
  id: 'evt-1',
  type: 'vpn.session.opened',
  occurredAt: '2026-11-24T09:55:00+09:00',
  user: { aadObjectId: '6f1c2a4e-8b0d-4c1e-9a57-3d2b1e0f9a01' },
  device: { id: 'dev-1' },
  data: { gateway: 'gw-1' },
};

describe('fuzz: signals webhook', () => {
  let fz: FuzzApp;
  let before: Record<string, number>;
  const now = () => Math.floor(fz.clock.now().getTime() / 1000);

  beforeAll(async () => {
    fz = await startFuzzApp({ SIGNALS_HMAC_SECRETS: `${TENANT}:${SECRET}` });
    before = await fz.counts();
  });
  afterAll(async () => {
    await fz?.stop();
  });

  const post = async (raw: string, signature: string | undefined, allowed: readonly number[]) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== undefined) headers['anshin-signature'] = signature;
    const res = await fetch(`${fz.app.url}/api/signals`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    expect(allowed, text.slice(0, 200)).toContain(res.status);
    expect(text).not.toMatch(/stack|at \w+ \(|Error:/);
    expect(await fz.counts()).toEqual(before);
  };
  const signed = (raw: string) => signalSignature(SECRET, raw, now());

  it('unsigned or wrongly signed bodies of any kind', async () => {
    const body = fc.oneof(hostileValue.map((v) => JSON.stringify(v) ?? 'null'), deepJson, fc.constant(POLLUTION), hostileString);
    // Only what an HTTP client can send in a header (fetch refuses control characters and non-Latin-1).
    const headerSafe = hostileString.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s));
    const signature = fc.oneof(
      fc.constant(undefined),
      headerSafe,
      fc.constant(`t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`),
      fc.integer({ min: 0, max: 9_999_999_999 }).map((t) => `t=${t},v1=${'ab'.repeat(32)}`),
      fc.constantFrom('t=,v1=', 't=1,t=2,v1=', `t=1,v1=${'g'.repeat(64)}`, 'v1=,,,,', '='.repeat(10_000)),
    );
    await fc.assert(
      // 431: Node itself refuses a header over its size limit.
      fc.asyncProperty(body, signature, async (raw, sig) => post(raw, sig, [401, 413, 431])),
      { numRuns: runs(60) },
    );
  });

  it('correctly signed events with one field corrupted', async () => {
    await fc.assert(
      fc.asyncProperty(corrupt(EVENT, ['id', 'type', 'occurredAt', 'user']), async (event) => {
        const raw = JSON.stringify(event);
        await post(raw, signed(raw), [400, 413, 422]);
      }),
      { numRuns: runs(60) },
    );
  });

  it('correctly signed bodies of any shape, deep nesting and prototype-pollution keys', async () => {
    const body = fc.oneof(
      hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
      deepJson,
      fc.constant(POLLUTION),
      hostileValue.map((data) => JSON.stringify({ ...EVENT, data: { nested: data } })),
      deepJson.map((deep) => JSON.stringify(EVENT).replace('{"gateway":"gw-1"}', deep)),
      fc.constant(JSON.stringify(EVENT).replace('"data":', '"__proto__":{"polluted":"yes"},"data":')),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => post(raw, signed(raw), [400, 413, 422])),
      { numRuns: runs(60) },
    );
    expect(prototypeIntact()).toBe(true);
  });

  it('still answers /healthz afterwards', async () => {
    await fz.healthy();
  });
});
