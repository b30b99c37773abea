import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const example = readFileSync(path.resolve(__dirname, '../.env.example'), 'utf8');
const exampleEnv = Object.fromEntries(
  example
    .split('\n')
    .filter((l) => /^[A-Za-z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('configuration', () => {
  it('runs in local mode with no environment at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ localMode: true, host: '127.0.0.1', port: 3978, store: { kind: 'pglite' } });
  });

  it('.env.example lists every variable config.ts reads, and copying it changes nothing', () => {
    const source = readFileSync(path.resolve(__dirname, '../src/config-schema.ts'), 'utf8');
    const read = [...source.matchAll(/^ {2}([A-Za-z_]+): /gm)].map((m) => m[1]);
    for (const key of read) expect(example, key).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
    expect(JSON.stringify(loadConfig(exampleEnv))).toBe(JSON.stringify(loadConfig({})));
  });

  it('stops with one line per bad field', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DEFAULT_TIME_ZONE: 'Mars/Olympus', MicrosoftAppId: 'abc' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
      expect(problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
    }
    expect(() => loadConfig({ DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/DEFAULT_TIME_ZONE/);
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x' })).toThrow(/MicrosoftAppTenantId/);
    expect(() => loadConfig({ CLOCK_START: '2026-11-24T08:59:00+09:00', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' })).toThrow(/CLOCK_START/);
  });

  it('treats empty settings as unset and switches to PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ PORT: '', DATABASE_POOL_SIZE: '' }).port).toBe(3978);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/anshin', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }).store).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/anshin', poolSize: 10 });
  });
  it('takes the directory from Graph outside local mode, from the file otherwise, and names what Graph lacks', () => {
    const bot = { MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' };
    expect(loadConfig({}).directory).toMatchObject({ source: 'file', syncMinutes: 15 });
    expect(loadConfig(bot).directory).toMatchObject({ source: 'graph', tenantId: 't' });
    expect(loadConfig({ ...bot, DIRECTORY_FILE: 'hr.json' }).directory.source).toBe('file');
    expect(loadConfig({ ...bot, GRAPH_ENABLED: 'false' }).directory.source).toBe('file');
    expect(loadConfig({ DIRECTORY_SOURCE: 'graph', GRAPH_ENABLED: 'true', ALLOWED_TENANT_IDS: 'x', SCOPE_GROUP_ID: 'g' }).directory)
      .toMatchObject({ source: 'graph', tenantId: 'x', groups: { scope: 'g' } });
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'graph' })).toThrow(/DIRECTORY_SOURCE: graph needs Graph/);
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'graph', GRAPH_ENABLED: 'true' })).toThrow(/DIRECTORY_SOURCE: graph needs the tenant/);
    expect(loadConfig(bot).graph.credential).toEqual({ kind: 'bot' });
    expect(loadConfig({ ...bot, GRAPH_CERTIFICATE_PATH: '/k.pem' }).graph.credential).toEqual({ kind: 'certificate', path: '/k.pem' });
    expect(loadConfig({ ...bot, MicrosoftAppPassword: '', MicrosoftAppType: 'UserAssignedMSI', GRAPH_USE_MANAGED_IDENTITY: 'true' }).graph.credential)
      .toEqual({ kind: 'managedIdentity', clientId: 'a' });
    expect(() => loadConfig({ ...bot, GRAPH_CERTIFICATE_PATH: '/k.pem', GRAPH_USE_MANAGED_IDENTITY: 'true' })).toThrow(/not both/);
  });
  it('binds each signals secret to a tenant and refuses the old untenanted form with one line', () => {
    const config = loadConfig({ SIGNALS_HMAC_SECRETS: 'contoso:0123456789abcdef0123, contoso:fedcba9876543210fedc, fabrikam:a-secret-with:colons-1' });
    expect(config.signals.hmacSecrets).toEqual([
      { tenantId: 'contoso', secret: '0123456789abcdef0123' },
      { tenantId: 'contoso', secret: 'fedcba9876543210fedc' },
      { tenantId: 'fabrikam', secret: 'a-secret-with:colons-1' },
    ]);
    expect(config.signals.incidentLimits).toEqual({ perPersonPerDay: 3, perTenantPerHour: 20 });
    try {
      loadConfig({ SIGNALS_HMAC_SECRETS: 'an-old-untenanted-secret-0123456789' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['SIGNALS_HMAC_SECRETS.0: each entry must be <tenant id>:<secret> (the untenanted form is no longer accepted, docs/signals.md)']);
    }
    expect(() => loadConfig({ SIGNALS_HMAC_SECRETS: 'contoso:short' })).toThrow(/at least 16 characters/);
  });
});
