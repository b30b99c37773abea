import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { executeActivity, messageActivity, teamsActivity } from '../support/app';
import { SERVICE_URL, startJwtApp, type JwtApp } from './jwt-harness';

const ALLOWED = 'tenant-1';
const who = (user: string, tenant?: string) => ({ serviceUrl: SERVICE_URL, user, tenant });
/** An activity that names no tenant at all (neither conversation.tenantId nor channelData.tenant). */
const withoutTenant = (user: string) => {
  const a = messageActivity(who(user), 'help') as Record<string, unknown>;
  return { ...a, conversation: { id: `a:conv-${user}`, conversationType: 'personal' }, channelData: {} };
};

describe('authentication comes before any tenant logic', () => {
  let bot: JwtApp;
  const stored = async (id: string) => (await bot.app.db.query('select 1 from users where id = $1', [id])).rows.length;

  beforeAll(async () => {
    bot = await startJwtApp({ MicrosoftAppType: 'MultiTenant', ALLOWED_TENANT_IDS: ALLOWED });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('answers every unauthenticated request with the same 401, whatever its tenant or shape', async () => {
    const attempts: [string, string | undefined, unknown, boolean?][] = [
      ['allowed tenant, no token', undefined, executeActivity(who('probe-1', ALLOWED), 'no.such.verb', {})],
      ['other tenant, no token', undefined, executeActivity(who('probe-2', 'evil-tenant'), 'no.such.verb', {})],
      ['no tenant, no token', undefined, withoutTenant('probe-3')],
      ['other tenant, forged token', bot.forgedToken(), messageActivity(who('probe-4', 'evil-tenant'), 'start')],
      ['allowed tenant, forged token', bot.forgedToken(), messageActivity(who('probe-5', ALLOWED), 'start')],
      ['no type, no token', undefined, { text: 'hi' }],
      ['not an object, no token', undefined, '"hello"', true],
    ];
    const answers = new Set<string>();
    for (const [name, token, body, raw] of attempts) {
      const res = await bot.post(token, body, raw);
      expect(res.status, name).toBe(401);
      answers.add(res.text);
    }
    expect([...answers]).toEqual(['{"error":"unauthorized"}']);
    for (const id of ['probe-1', 'probe-2', 'probe-3', 'probe-4', 'probe-5']) expect(await stored(id)).toBe(0);
  });

  it('answers a body that is not JSON with 400 and a fixed body (the transport refuses it before anything else)', async () => {
    expect(await bot.post(undefined, '{nope', true)).toEqual({ status: 400, text: '{"error":"bad request"}' });
  });

  it('refuses an authenticated activity from a tenant that is not allowed (403) and stores nothing', async () => {
    const res = await bot.post(bot.validToken(), messageActivity(who('intruder', 'evil-tenant'), 'start'));
    expect(res).toEqual({ status: 403, text: '{"error":"tenant not allowed"}' });
    expect(await stored('intruder')).toBe(0);
  });

  it('refuses an authenticated activity that names no tenant (fail closed)', async () => {
    const res = await bot.post(bot.validToken(), withoutTenant('no-tenant'));
    expect(res).toEqual({ status: 403, text: '{"error":"tenant not allowed"}' });
    expect(await stored('no-tenant')).toBe(0);
  });

  it('serves an authenticated activity of an allowed tenant', async () => {
    const res = await bot.post(bot.validToken(), executeActivity(who('member', ALLOWED), 'no.such.verb', {}));
    expect(res.status).toBe(200);
    expect(await stored('member')).toBe(1);
  });

  it('answers an authenticated but malformed activity with 400 and a fixed body', async () => {
    const res = await bot.post(bot.validToken(), { ...teamsActivity(who('malformed', ALLOWED), { type: 'message', text: 'start' }), from: 'someone' });
    expect(res).toEqual({ status: 400, text: '{"error":"bad request"}' });
    expect(await stored('malformed')).toBe(0);
  });
});

describe('the tenant allow-list fails closed', () => {
  const bot = { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret' };

  it('a MultiTenant bot without ALLOWED_TENANT_IDS and without its own tenant id does not start', () => {
    try {
      loadConfig({ ...bot, MicrosoftAppType: 'MultiTenant' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS: required/)]);
    }
  });

  it('a MultiTenant bot with its own tenant id and no list serves only its own tenant', () => {
    expect(loadConfig({ ...bot, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: 'own' }).allowedTenantIds).toEqual(['own']);
  });

  it('a SingleTenant bot serves its own tenant', () => {
    expect(loadConfig({ ...bot, MicrosoftAppTenantId: 'own' }).allowedTenantIds).toEqual(['own']);
  });

  it('an explicit list wins', () => {
    expect(loadConfig({ ...bot, MicrosoftAppType: 'MultiTenant', ALLOWED_TENANT_IDS: 'a, b' }).allowedTenantIds).toEqual(['a', 'b']);
  });
});
