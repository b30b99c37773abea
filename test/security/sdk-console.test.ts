import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createLogger } from '../../src/log/logger';
import { messageActivity } from '../support/app';
import { SERVICE_URL, startJwtApp, type JwtApp } from './jwt-harness';

const TENANT = 'tenant-1';
const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;

/**
 * The Bot Framework SDK prints to the console for every bad token (a stack trace, the JWKS key). Those
 * lines are not JSON, flood the log and bypass its redaction: they go to the JSON logger at debug level.
 */
describe('the bot SDK writes nothing to the console', () => {
  let bot: JwtApp;
  const lines: Record<string, unknown>[] = [];
  const spies: MockInstance[] = [];

  beforeAll(async () => {
    for (const method of METHODS) spies.push(vi.spyOn(console, method).mockImplementation(() => undefined));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    bot = await startJwtApp({ MicrosoftAppTenantId: TENANT }, { overrides: { logger: createLogger('debug', sink) } });
  });
  afterAll(async () => {
    await bot?.stop();
    for (const spy of spies) spy.mockRestore();
  });

  const consoleCalls = () => spies.flatMap((spy) => spy.mock.calls);

  it('bad tokens get 401 and the SDK output goes to the JSON log at debug level, without the token', async () => {
    const tokens = [bot.forgedToken(), bot.expiredToken(), 'abc.def.ghi', `${bot.validToken().slice(0, -4)}AAAA`];
    for (const token of tokens) {
      const res = await bot.post(token, messageActivity({ serviceUrl: SERVICE_URL, user: 'probe', tenant: TENANT }, 'help'));
      expect(res.status).toBe(401);
    }
    expect(consoleCalls()).toEqual([]);
    const sdk = lines.filter((l) => l.component === 'bot-sdk');
    expect(sdk.length).toBeGreaterThan(0);
    expect(sdk.every((l) => l.level === 20)).toBe(true);
    const text = JSON.stringify(lines);
    for (const token of tokens) {
      for (const part of token.split('.')) if (part.length > 8) expect(text).not.toContain(part);
    }
    expect(text).not.toContain('PUBLIC KEY');
  });

  it('a valid token still works, and the console stays quiet', async () => {
    for (const spy of spies) spy.mockClear();
    const res = await bot.post(bot.validToken(), messageActivity({ serviceUrl: SERVICE_URL, user: 'member', tenant: TENANT }, 'help'));
    expect(res.status).toBe(200);
    expect(consoleCalls()).toEqual([]);
  });
});
