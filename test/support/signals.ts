import { createHmac } from 'node:crypto';

/** The `Anshin-Signature` header a sender computes (docs/signals.md), written independently of src. */
export function signalSignature(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(rawBody).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Posts a raw body to /api/signals, signed unless a signature header is given (or null for none). */
export async function postSignal(
  baseUrl: string,
  rawBody: string | Buffer,
  sign: { secret: string; unixSeconds: number } | { header: string | null },
): Promise<{ status: number; body: unknown }> {
  const signature = 'header' in sign ? sign.header : signalSignature(sign.secret, rawBody, sign.unixSeconds);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['anshin-signature'] = signature;
  const res = await fetch(`${baseUrl}/api/signals`, { method: 'POST', headers, body: rawBody });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
