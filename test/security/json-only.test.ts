import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/app';
import { postSignal } from '../support/signals';
import { SERVICE_URL, startJwtApp, type JwtApp } from './jwt-harness';

const SECRET = 'json-only-secret-0123456789';
const TENANT = 'tenant-1';

/**
 * Only JSON reaches the bot: /api/messages and /api/signals refuse every other media type with 415
 * before reading the body, so an unauthenticated multipart upload never lands in the temp folder.
 */
describe('only JSON bodies are read', () => {
  let bot: JwtApp;
  let uploads = '';
  const previousTmp = process.env.TMPDIR;

  beforeAll(async () => {
    // A temp folder of its own: a multipart parser would write its files here (os.tmpdir()).
    uploads = mkdtempSync(path.join(tmpdir(), 'anshin-uploads-'));
    process.env.TMPDIR = uploads;
    bot = await startJwtApp({ MicrosoftAppTenantId: TENANT, SIGNALS_HMAC_SECRETS: `${TENANT}:${SECRET}` });
  });
  afterAll(async () => {
    await bot?.stop();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(uploads, { recursive: true, force: true });
  });

  const multipart = () => {
    const form = new FormData();
    form.append('activity', JSON.stringify(messageActivity({ serviceUrl: SERVICE_URL, user: 'u1', tenant: TENANT }, 'help')));
    form.append('upload', new Blob([Buffer.alloc(256 * 1024, 1)]), 'big.bin');
    return form;
  };
  const post = async (route: string, body: FormData | URLSearchParams | Blob | string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.app.url}${route}`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  };

  for (const route of ['/api/messages', '/api/signals']) {
    it(`${route}: a multipart upload gets 415 and nothing is written to disk`, async () => {
      const res = await post(route, multipart());
      expect(res).toEqual({ status: 415, text: '{"error":"unsupported media type"}' });
      expect(readdirSync(uploads)).toEqual([]);
    });

    it(`${route}: a form body, plain text and a missing content type get 415`, async () => {
      expect((await post(route, new URLSearchParams({ type: 'message', text: 'hi' }))).status).toBe(415);
      expect((await post(route, '{"type":"message"}', { 'content-type': 'text/plain' })).status).toBe(415);
      expect((await post(route, new Blob(['{"type":"message"}']))).status).toBe(415);
      expect((await post(route, '{"type":"message"}', { 'content-type': 'application/json-patch+json' })).status).toBe(415);
      expect(readdirSync(uploads)).toEqual([]);
    });
  }

  it('a JSON activity (with or without a charset) is still served', async () => {
    const activity = messageActivity({ serviceUrl: SERVICE_URL, user: 'json-user', tenant: TENANT }, 'help');
    const res = await fetch(`${bot.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${bot.validToken()}` },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    expect((await bot.post(bot.validToken(), messageActivity({ serviceUrl: SERVICE_URL, user: 'json-user-2', tenant: TENANT }, 'help'))).status).toBe(200);
  });

  it('the body limit stays: a JSON activity over 1 MB gets 413', async () => {
    const big = { ...messageActivity({ serviceUrl: SERVICE_URL, user: 'big', tenant: TENANT }, 'x'.repeat(1024 * 1024 + 1)) };
    expect((await bot.post(bot.validToken(), big)).status).toBe(413);
  });

  it('a signed JSON signal is still read (an unknown user: 422)', async () => {
    const body = JSON.stringify({ id: 'evt-json-1', type: 'vpn.session.opened', occurredAt: new Date().toISOString(), user: { upn: 'nobody@contoso.example' } });
    const res = await postSignal(bot.app.url, body, { secret: SECRET, unixSeconds: Math.floor(Date.now() / 1000) });
    expect(res).toEqual({ status: 422, body: { error: 'unknown-user' } });
  });
});
