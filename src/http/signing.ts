import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/db';

/**
 * Signed, expiring links (CSV exports open in the browser, where the bot's JWT is not available).
 * The key is generated once and kept in the database, so every replica verifies every link.
 */
export interface LinkSigner {
  sign(path: string, ttlSeconds: number): string;
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
}

export async function createLinkSigner(db: Db, now: () => number = Date.now): Promise<LinkSigner> {
  await db.query(`insert into app_secrets (name, value) values ('link-signing-key', $1) on conflict do nothing`, [randomBytes(32).toString('base64url')]);
  const r = await db.query<{ value: string }>(`select value from app_secrets where name = 'link-signing-key'`);
  const key = Buffer.from(r.rows[0]?.value ?? '', 'base64url');
  const mac = (path: string, exp: string) => createHmac('sha256', key).update(`${path}\n${exp}`).digest('base64url');
  return {
    sign(path, ttlSeconds) {
      const exp = String(Math.floor(now() / 1000) + ttlSeconds);
      return `${path}?exp=${exp}&sig=${mac(path, exp)}`;
    },
    verify(path, exp, sig) {
      if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) * 1000 < now()) return false;
      const expected = Buffer.from(mac(path, exp));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
