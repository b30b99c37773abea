import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Overrides } from '../../src/main';
import type { Db } from '../../src/store/db';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The app outside local mode, its Bot Framework authentication pointed at a local OpenID metadata
 * document and JWKS (as in test/integration/jwt.test.ts), with helpers to sign tokens.
 */
const APP_ID = '6f1c2b3a-0000-4000-8000-00000000a001';
const ISSUER = 'https://api.botframework.com';
export const SERVICE_URL = 'http://127.0.0.1:9/connector/';

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');
function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key))}`;
}

export interface JwtApp {
  readonly app: TestApp;
  /** A token the app accepts. */
  validToken(): string;
  /** Signed by a key the JWKS does not hold. */
  forgedToken(): string;
  /** Signed by the right key, expired an hour ago. */
  expiredToken(): string;
  post(token: string | undefined, body: unknown, raw?: boolean): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

export async function startJwtApp(env: Record<string, string>, options: { db?: Db; overrides?: Overrides } = {}): Promise<JwtApp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', endorsements: ['msteams'] };
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/openid')) res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }));
    else if (req.url?.startsWith('/jwks')) res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const app = await startTestApp(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-this-test',
      HOST: '127.0.0.1',
      GRAPH_ENABLED: 'false',
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'false',
      ...env,
    },
    { db: options.db, overrides: options.overrides },
  );
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now(), nbf: now() - 60, exp: now() + 600 });
  return {
    app,
    validToken: () => jwt(privateKey, 'k1', claims()),
    forgedToken: () => jwt(forger, 'k1', claims()),
    expiredToken: () => jwt(privateKey, 'k1', { ...claims(), iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }),
    async post(token, body, raw = false) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: raw ? String(body) : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    async stop() {
      await app.stop();
      server.close();
    },
  };
}
