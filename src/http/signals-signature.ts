import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the signed time may be from ours, either way: bounds replays of a captured request. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A secret and the one tenant whose events it may sign (SIGNALS_HMAC_SECRETS). */
export interface TenantSecret {
  readonly tenantId: string;
  readonly secret: string;
}

/** On success, the tenant of the secret that matched: the request speaks for that tenant only. */
export type SignatureCheck = { readonly ok: true; readonly tenantId: string } | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

const refused = (reason: 'missing' | 'malformed' | 'stale' | 'mismatch'): SignatureCheck => ({ ok: false, reason });

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `Anshin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` against
 * every configured secret (several per tenant during a rotation); the matching secret names the tenant. Several v1 values are allowed too, so a
 * sender can sign with its old and new secret while the receiver is switched over.
 */
export function checkSignature(header: string | undefined, rawBody: Buffer, secrets: readonly TenantSecret[], nowMs: number): SignatureCheck {
  if (!header) return refused('missing');
  let timestamp: string | undefined;
  const given: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return refused('malformed');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return refused('malformed');
      timestamp = value;
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return refused('malformed');
      given.push(Buffer.from(value, 'hex'));
    }
    // Other keys (a future v2) are ignored, so senders can add them before we check them.
  }
  if (timestamp === undefined || given.length === 0) return refused('malformed');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return refused('stale');
  for (const { tenantId, secret } of secrets) {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
    if (given.some((mac) => timingSafeEqual(mac, expected))) return { ok: true, tenantId };
  }
  return refused('mismatch');
}
