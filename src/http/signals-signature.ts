import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the signed time may be from ours, either way: bounds replays of a captured request. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'stale' | 'mismatch';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `Anshin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` against
 * every configured secret (several during a rotation). Several v1 values are allowed too, so a
 * sender can sign with its old and new secret while the receiver is switched over.
 */
export function checkSignature(header: string | undefined, rawBody: Buffer, secrets: readonly string[], nowMs: number): SignatureCheck {
  if (!header) return 'missing';
  let timestamp: string | undefined;
  const given: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return 'malformed';
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return 'malformed';
      timestamp = value;
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return 'malformed';
      given.push(Buffer.from(value, 'hex'));
    }
    // Other keys (a future v2) are ignored, so senders can add them before we check them.
  }
  if (timestamp === undefined || given.length === 0) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
    if (given.some((mac) => timingSafeEqual(mac, expected))) return 'ok';
  }
  return 'mismatch';
}
