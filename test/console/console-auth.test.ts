// Teams SSO tokens for the console, signed with a local key and checked against a local JWKS (no
// network): a valid token signs in; wrong audience, issuer or tenant, expiry beyond the skew,
// `alg: none`, another key or HS256 → 401. The local-mode header does nothing outside local mode.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/http/console-auth';
import { registerConsoleApi } from '../../src/http/console-api';
import type { ConsolePorts } from '../../src/http/console-ports';
import { createLogger } from '../../src/log/logger';

const APP_ID = '6f0c3a4e-1111-4222-8333-444455556666';
const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const USER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

let jwks: Server;
let base = '';
let key: CryptoKey;
let strangerKey: CryptoKey;
let keyFetches = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((req, res) => {
    keyFetches++;
    if (req.url === `/${TENANT}/discovery/v2.0/keys` || req.url === `/${OTHER_TENANT}/discovery/v2.0/keys`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

interface Claims { aud?: string; iss?: string; tid?: string; oid?: string; exp?: number }
const sign = (claims: Claims = {}, signWith?: CryptoKey) => {
  const now = Math.floor(Date.now() / 1000);
  const c = { aud: `api://anshin.example.com/${APP_ID}`, iss: `${base}/${TENANT}/v2.0`, tid: TENANT, oid: USER, exp: now + 600, ...claims };
  return new SignJWT({ tid: c.tid, oid: c.oid }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setAudience(c.aud).setIssuer(c.iss).setIssuedAt(now - 60).setExpirationTime(c.exp).sign(signWith ?? key);
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('console sign-in: token validation', () => {
  const verify = () => createTokenVerifier({ appId: APP_ID, loginBase: base, allowedTenantIds: [TENANT] });

  it('accepts a token of an allowed tenant for the app (both audience forms, v1 and v2 issuers)', async () => {
    expect(await verify()(await sign())).toEqual({ tenantId: TENANT, userId: USER });
    expect(await verify()(await sign({ aud: APP_ID }))).toEqual({ tenantId: TENANT, userId: USER });
    expect(await verify()(await sign({ iss: `https://sts.windows.net/${TENANT}/` }))).toEqual({ tenantId: TENANT, userId: USER });
    // Expired, but within the 300 s clock skew.
    expect(await verify()(await sign({ exp: Math.floor(Date.now() / 1000) - 200 }))).toBeDefined();
  });

  it.each([
    ['wrong audience', { aud: 'api://anshin.example.com/00000000-0000-0000-0000-000000000000' }],
    ['an audience that only contains the app id', { aud: `${APP_ID}-evil` }],
    ['wrong issuer', { iss: `https://evil.example.com/${TENANT}/v2.0` }],
    ["another tenant's issuer", { iss: `${base}/${OTHER_TENANT}/v2.0` }],
    ['expired beyond the skew', { exp: Math.floor(Date.now() / 1000) - 400 }],
    ['no user', { oid: '' }],
  ])('refuses %s', async (_what, claims) => {
    expect(await verify()(await sign(claims))).toBeUndefined();
  });

  it('refuses a tenant that is not allowed without fetching its keys', async () => {
    const before = keyFetches;
    expect(await verify()(await sign({ tid: OTHER_TENANT, iss: `${base}/${OTHER_TENANT}/v2.0` }))).toBeUndefined();
    expect(keyFetches).toBe(before);
  });

  it('refuses alg none, HS256 and a key that is not in the JWKS', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { aud: APP_ID, iss: `${base}/${TENANT}/v2.0`, tid: TENANT, oid: USER, exp: now + 600 };
    expect(await verify()(`${b64({ alg: 'none' })}.${b64(payload)}.`)).toBeUndefined();
    const hs = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    expect(await verify()(hs)).toBeUndefined();
    expect(await verify()(await sign({}, strangerKey))).toBeUndefined();
    expect(await verify()('not a token')).toBeUndefined();
  });
});

describe('console API identity outside local mode', () => {
  let server: restify.Server;
  let url = '';
  const me = { id: USER, tenantId: TENANT, name: 'Admin', locale: 'ja' as const, timeZone: 'Asia/Tokyo', isAdmin: true, privatePcApproved: false, active: true };
  const ports = {
    viewer: async ({ tenantId, userId }: { tenantId?: string; userId: string }) => (tenantId === TENANT && userId === USER ? { user: me, roles: { admin: false, manager: false, security: false } } : undefined),
    people: async () => [{ id: USER, name: 'Admin', roles: { admin: true, manager: false, security: false } }],
  } as unknown as ConsolePorts;

  beforeAll(async () => {
    server = restify.createServer();
    registerConsoleApi(server, { ports: () => ports, localMode: false, logger: createLogger('silent'), verifyToken: createTokenVerifier({ appId: APP_ID, loginBase: base, allowedTenantIds: [TENANT] }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs in with a token; the picker header and the picker itself do not exist', async () => {
    expect((await fetch(`${url}/api/console/me`, { headers: { authorization: `Bearer ${await sign()}` } })).status).toBe(200);
    expect((await fetch(`${url}/api/console/me`, { headers: { 'x-anshin-local-user': USER } })).status).toBe(401);
    expect((await fetch(`${url}/api/console/me`, { headers: { authorization: `Bearer ${await sign({ aud: 'wrong' })}` } })).status).toBe(401);
    expect((await fetch(`${url}/api/console/people`)).status).toBe(404);
  });

  it('answers 403 to a signed-in person without a role', async () => {
    expect((await fetch(`${url}/api/console/rounds`, { headers: { authorization: `Bearer ${await sign()}` } })).status).toBe(403);
  });
});
