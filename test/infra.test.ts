import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { appSettings, oneResource, parseBicep, resourcesOfType, sampleValue } from './support/bicep';

const INFRA = path.resolve(__dirname, '../infra');
const bicep = parseBicep(readFileSync(path.join(INFRA, 'main.bicep'), 'utf8'));
const webApp = oneResource(bicep, 'Microsoft.Web/sites');
const settings = appSettings(webApp);
const postgres = oneResource(bicep, 'Microsoft.DBforPostgreSQL/flexibleServers');
const keyVault = oneResource(bicep, 'Microsoft.KeyVault/vaults');

/** Without these the app either refuses to start outside local mode or misbehaves in production. */
const REQUIRED_IN_PRODUCTION = ['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'DATABASE_URL', 'PUBLIC_BASE_URL'];
/** Settings for the platform or SDKs rather than src/config.ts. */
const PLATFORM_SETTINGS = [
  'AZURE_CLIENT_ID',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_HEALTHCHECK_MAXPINGFAILURES',
];

/** The environment App Service gives the app: settings with parameters at their defaults, Key Vault references resolved. */
function productionEnv(): Record<string, string> {
  return Object.fromEntries([...settings].map(([name, expr]) => [name, sampleValue(bicep, expr, name)]));
}

describe('Azure template (infra/main.bicep)', () => {
  it('sets every variable the app requires in production, and the app accepts them', () => {
    for (const name of REQUIRED_IN_PRODUCTION) {
      expect(settings.has(name), name).toBe(true);
      expect(productionEnv()[name], name).not.toBe('');
    }
    const config = loadConfig(productionEnv());
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.store.kind).toBe('postgres');
    expect(config.bot).toMatchObject({ appType: 'UserAssignedMSI' });
    expect(config.bot.appId).toBeTruthy();
    expect(config.allowedTenantIds.length).toBeGreaterThan(0);
    expect(config.publicBaseUrl).toMatch(/^https:\/\/[^/]+\.azurewebsites\.net$/);
  });

  it('names only variables that src/config.ts reads (no typos) or the platform uses', () => {
    const configSource = ['../src/config.ts', '../src/config-schema.ts'].map((f) => readFileSync(path.resolve(__dirname, f), 'utf8')).join('\n');
    for (const name of settings.keys()) {
      if (PLATFORM_SETTINGS.includes(name)) continue;
      expect(configSource, `${name} is not read by src/config.ts`).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('runs the compiled app on Node 24 LTS', () => {
    expect(webApp.body).toMatch(/linuxFxVersion: 'NODE\|24-lts'/);
    // The same command as `npm run start:prod`, heap flags included (the benchmarks run with them too).
    const scripts = (JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const command = /appCommandLine: '([^']+)'/.exec(webApp.body)?.[1];
    expect(command).toBe(scripts['start:prod']);
    expect(command).toMatch(/^node --max-old-space-size=\d+ --max-semi-space-size=\d+ dist\/main\.js$/);
    const flags = command?.replace(/^node | dist\/main\.js$/g, '');
    for (const name of ['start', 'bench:invoke', 'bench:round', 'bench:fanout']) expect(scripts[name], name).toContain(` ${flags} `);
    expect(productionEnv().SCM_DO_BUILD_DURING_DEPLOYMENT).toBe('false');
  });

  it('keeps PostgreSQL private: delegated subnet, private DNS zone, no public access, no firewall rule', () => {
    expect(postgres.body).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(postgres.body).toMatch(/delegatedSubnetResourceId: /);
    expect(postgres.body).toMatch(/privateDnsZoneArmResourceId: /);
    expect(sampleValue(bicep, 'postgresDnsZoneName')).toMatch(/\.private\.postgres\.database\.azure\.com$/);
    expect(resourcesOfType(bicep, 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules')).toEqual([]);
    expect(bicep.text).not.toMatch(/0\.0\.0\.0/);
    expect(bicep.text).not.toMatch(/AllowAllAzureServices/i);
  });

  it('keeps Key Vault private: public network access disabled, reached through a private endpoint', () => {
    expect(keyVault.body).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(keyVault.body).toMatch(/defaultAction: 'Deny'/);
    const endpoints = resourcesOfType(bicep, 'Microsoft.Network/privateEndpoints');
    expect(endpoints.some((e) => e.body.includes(`privateLinkServiceId: ${keyVault.symbol}.id`))).toBe(true);
    expect(bicep.vars.get('keyVaultDnsZoneName')).toBe("'privatelink.vaultcore.azure.net'");
    expect(resourcesOfType(bicep, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups')).toHaveLength(1);
  });

  it('routes the Web App\'s outbound traffic through the VNet and a NAT gateway', () => {
    expect(webApp.body).toMatch(/virtualNetworkSubnetId: /);
    expect(webApp.body).toMatch(/vnetRouteAllEnabled: true/);
    // Explicit egress: new VNets get no implicit default outbound access.
    const vnet = oneResource(bicep, 'Microsoft.Network/virtualNetworks');
    const appSubnet = /name: 'app'\s*\n\s*properties: \{([\s\S]*?)\n {6}\}/.exec(vnet.body)?.[1] ?? '';
    expect(appSubnet).toMatch(/natGateway: \{\s*id: nat\.id/);
  });

  it('connects the app as its own least-privilege role, never as the server administrator', () => {
    const secrets = resourcesOfType(bicep, 'Microsoft.KeyVault/vaults/secrets');
    const secret = secrets.find((r) => r.symbol === 'databaseUrlSecret');
    expect(secret?.body).toMatch(/postgresAppLogin/);
    for (const s of secrets) expect(s.body).not.toMatch(/postgresAdmin/);
    expect(productionEnv().DATABASE_URL).toMatch(/^postgresql:\/\/anshin_app:/);
    // The schema's owner is a role of its own: the app role cannot rewrite the audit log (src/store/grants.ts).
    expect(productionEnv().DATABASE_OWNER_URL).toMatch(/^postgresql:\/\/anshin_owner:/);
    expect(loadConfig(productionEnv()).store).toMatchObject({ kind: 'postgres', ownerUrl: expect.stringMatching(/anshin_owner/) });
    const script = oneResource(bicep, 'Microsoft.Resources/deploymentScripts');
    expect(script.body).toMatch(/subnetIds/);
    for (const m of bicep.text.matchAll(/loadTextContent\('([^']+)'\)/g)) expect(existsSync(path.join(INFRA, m[1] ?? ''))).toBe(true);
    const sql = readFileSync(path.join(INFRA, 'scripts/create-app-role.sh'), 'utf8');
    expect(sql).toMatch(/CREATE ROLE %I LOGIN/);
    expect(sql).toMatch(/REVOKE CREATE ON SCHEMA public FROM %I', :'role'/);
    expect(sql).not.toMatch(/\b(SUPERUSER|CREATEDB|CREATEROLE|REPLICATION|BYPASSRLS)\b/);
    expect(sql).not.toMatch(/GRANT azure_pg_admin/i);
  });

  it('has an example parameters file that names only parameters of the template', () => {
    const example = JSON.parse(readFileSync(path.join(INFRA, 'main.parameters.example.json'), 'utf8')) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(example.parameters)) expect(bicep.params.has(name), name).toBe(true);
    const secure = [...bicep.params.values()].filter((p) => p.default === undefined).map((p) => p.name);
    expect(secure.sort()).toEqual(['postgresAdminPassword', 'postgresAppPassword', 'postgresOwnerPassword']);
  });

  it('keeps the audit anchors in an immutable, private container the app identity may append to', () => {
    const policy = oneResource(bicep, 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies');
    expect(policy.body).toMatch(/allowProtectedAppendWrites: true/);
    expect(policy.body).toMatch(/immutabilityPeriodSinceCreationInDays: \d{4}/);
    const account = resourcesOfType(bicep, 'Microsoft.Storage/storageAccounts').find((r) => r.symbol === 'anchorStorage');
    expect(account?.body).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(account?.body).toMatch(/allowSharedKeyAccess: false/);
    expect(productionEnv().AUDIT_ANCHOR_DIR).toBe('/home/anshin/audit-anchors');
  });
});
