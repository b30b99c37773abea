import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeActivity, startTestApp, type TestApp } from '../support/app';

/**
 * Non-local mode validates every request's JWT (Bot Framework channel auth). The Bot Framework
 * endpoints are pointed at a local OpenID metadata document and JWKS (DESIGN.md), so real RS256
 * tokens can be checked here: a missing, forged, wrongly addressed or expired token gets 401 and
 * changes nothing; a valid one is served.
 */
const APP_ID = '6f1c2b3a-0000-4000-8000-00000000a001';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/connector/';

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');
function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key))}`;
}

describe('JWT validation outside local mode', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let server: Server;
  let app: TestApp;
  let base = '';
  const now = () => Math.floor(Date.now() / 1000);
  const good = () => ({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now(), nbf: now() - 60, exp: now() + 600 });
  const post = async (token: string | undefined, body: unknown) => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const invoke = () => executeActivity({ serviceUrl: SERVICE_URL, user: 'jwt-user', tenant: 'tenant-1' }, 'no.such.verb', {});

  beforeAll(async () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', endorsements: ['msteams'] };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/openid')) res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }));
      else if (req.url?.startsWith('/jwks')) res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    app = await startTestApp({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-this-test',
      MicrosoftAppType: 'MultiTenant',
      HOST: '127.0.0.1',
      ALLOWED_TENANT_IDS: 'tenant-1',
      GRAPH_ENABLED: 'false',
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'false',
    });
  });
  afterAll(async () => {
    await app?.stop();
    server?.close();
  });

  const users = async () => (await app.db.query("select * from users where id = 'jwt-user'")).rows.length;

  it.each([
    ['no token', () => undefined],
    ['a forged signature', () => jwt(forger, 'k1', good())],
    ['another audience', () => jwt(privateKey, 'k1', { ...good(), aud: 'someone-else' })],
    ['another issuer', () => jwt(privateKey, 'k1', { ...good(), iss: 'https://evil.example' })],
    ['an expired token', () => jwt(privateKey, 'k1', { ...good(), exp: now() - 3600, nbf: now() - 7200, iat: now() - 7200 })],
    ['a token for another serviceUrl', () => jwt(privateKey, 'k1', { ...good(), serviceurl: 'https://evil.example/' })],
  ])('refuses %s with 401 and changes nothing', async (_name, token) => {
    const res = await post(token(), invoke());
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/stack|at \w+ \(/);
    expect(await users()).toBe(0);
  });

  it('serves a request with a valid token', async () => {
    const res = await post(jwt(privateKey, 'k1', good()), invoke());
    expect(res.status).toBe(200);
    // The verb is unknown on purpose (no outbound call needs a bot token): a localized error card comes back.
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(res.text).toMatch(/Ref|参照/);
    expect(await users()).toBe(1);
  });
});

