// The Teams app package: manifest template + localization validate offline against the bundled
// schemas, the bot commands match the code, the icons have the sizes Teams requires, and the zip
// holds the files. Also checks that the playground's mock users and the local directory agree.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/teams/commands';
import { buildPackage, fillManifest, idsFromEnv, readZip, schemaErrors, uuidV5, type ManifestIds } from '../scripts/package-manifest';
import directory from '../scripts/local/directory.json';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const template = readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const ids: ManifestIds = {
  botId: '3f2b7c1d-1111-4222-8333-944455556666',
  appId: 'a1b2c3d4-0000-4000-8000-000000000001',
  botDomain: 'anshin.example.com',
  version: '1.2.3',
};

interface Command { title: string; description?: string }
interface FilledManifest {
  manifestVersion: string;
  $schema: string;
  id: string;
  version: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  icons: { color: string; outline: string };
}

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const png = readFileSync(path.join(MANIFEST_DIR, file));
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] ?? -1 };
}

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG whose rows use filter 0 (scripts/make-icons.ts). */
function pngPixels(file: string, width: number): Buffer[] {
  const png = readFileSync(path.join(MANIFEST_DIR, file));
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Buffer[] = [];
  for (let at = 0; at < raw.length; at += width * 4 + 1) {
    expect(raw[at]).toBe(0);
    rows.push(raw.subarray(at + 1, at + 1 + width * 4));
  }
  return rows;
}

describe('Teams app manifest', () => {
  const manifest = fillManifest(template, ids) as unknown as FilledManifest;

  it('uses the newest manifest schema shipped with @microsoft/app-manifest', () => {
    const dir = path.join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');
    const versions = readdirSync(dir);
    const newest = versions.filter((v) => /^v1\.\d+$/.test(v)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))).at(-1);
    expect(`v${manifest.manifestVersion}`).toBe(newest);
    expect(manifest.$schema).toContain(`/${newest}/MicrosoftTeams.schema.json`);
  });

  it('fills every placeholder and validates against the schema', async () => {
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
    expect(manifest.id).toBe(ids.appId);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.bots[0]?.botId).toBe(ids.botId);
    expect(manifest.webApplicationInfo).toEqual({ id: ids.botId, resource: `api://anshin.example.com/${ids.botId}` });
    expect(manifest.validDomains).toEqual(['anshin.example.com']);
    expect(await schemaErrors(manifest as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('has the console tab, its own sign-in registration and the read-receipt permission', async () => {
    const consoleAppId = 'c0c0c0c0-1111-4222-8333-944455556666';
    const manifest = fillManifest(template, { ...ids, consoleAppId }) as unknown as FilledManifest & {
      staticTabs: { entityId: string; contentUrl: string; scopes: string[] }[];
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    expect(manifest.webApplicationInfo).toEqual({ id: consoleAppId, resource: `api://anshin.example.com/${consoleAppId}` });
    expect(manifest.staticTabs).toEqual([expect.objectContaining({ entityId: 'console', contentUrl: 'https://anshin.example.com/console/?host=teams', scopes: ['personal'] })]);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'ChatMessageReadReceipt.Read.Chat', type: 'Application' }]);
    expect(await schemaErrors(manifest as unknown as Record<string, unknown>)).toEqual([]);
    const ja = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'ja.json'), 'utf8')) as Record<string, string>;
    expect(ja['staticTabs[0].name']).toBe('管理コンソール');
  });

  it('validation reports errors (a broken manifest is not accepted)', async () => {
    const broken = { ...fillManifest(template, { ...ids, botId: 'not-a-guid' }), unknownField: true };
    const errors = await schemaErrors(broken);
    expect(errors.some((e) => e.includes('botId'))).toBe(true);
    expect(errors.some((e) => e.includes('additional'))).toBe(true);
  });

  it('ja.json localization validates and translates every command description', async () => {
    const ja = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'ja.json'), 'utf8')) as Record<string, unknown>;
    expect(await schemaErrors(ja)).toEqual([]);
    COMMANDS.filter((c) => c.menu).forEach((c, i) => {
      expect(ja[`bots[0].commandLists[0].commands[${i}].description`]).toBe(c.description.ja);
      expect(ja[`bots[0].commandLists[0].commands[${i}].title`]).toBeUndefined(); // titles stay what the bot parses
    });
  });

  it('is a personal-scope bot whose command list equals the bot commands', () => {
    const bot = manifest.bots[0]!;
    expect(manifest.bots).toHaveLength(1);
    expect(bot.scopes).toEqual(['personal']);
    expect(bot.commandLists).toHaveLength(1);
    expect(bot.commandLists[0]!.scopes).toEqual(['personal']);
    // Teams allows ten commands per list: the rest are on the help card only.
    expect(bot.commandLists[0]!.commands).toEqual(COMMANDS.filter((c) => c.menu).map((c) => ({ title: c.title, description: c.description.en })));
    expect(bot.commandLists[0]!.commands.length).toBeLessThanOrEqual(10);
  });

  it('has a 192×192 colour icon and a 32×32 RGBA outline icon (white on transparent)', () => {
    expect(pngSize(manifest.icons.color)).toMatchObject({ width: 192, height: 192 });
    const outline = pngSize(manifest.icons.outline);
    expect(outline).toEqual({ width: 32, height: 32, colorType: 6 });
    let opaque = 0;
    for (const row of pngPixels(manifest.icons.outline, 32)) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = row.subarray(x * 4, x * 4 + 4);
        if (a === 0) continue;
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(opaque).toBeGreaterThan(50);
  });

  it('builds the zip with manifest.json, both icons and ja.json', async () => {
    const built = await buildPackage(MANIFEST_DIR, ids);
    const entries = readZip(built.zip);
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'ja.json', 'manifest.json', 'outline.png']);
    const zipped = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as FilledManifest;
    expect(zipped.id).toBe(ids.appId);
    expect(entries.find((e) => e.name === 'color.png')!.data.equals(readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toBe(true);
    // Deterministic: the same input gives the same bytes.
    expect((await buildPackage(MANIFEST_DIR, ids)).zip.equals(built.zip)).toBe(true);
  });

  it('derives ids from the environment', () => {
    const env = { MicrosoftAppId: ids.botId };
    const fromEnv = idsFromEnv(env, '0.1.0');
    expect(fromEnv).toEqual({ botId: ids.botId, appId: uuidV5(`anshin-teams-app:${ids.botId}`), botDomain: 'localhost', version: '0.1.0' });
    expect(idsFromEnv(env, '0.1.0').appId).toBe(fromEnv.appId); // stable
    expect(fromEnv.appId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idsFromEnv({ ...env, TEAMS_APP_ID: ids.appId, BOT_DOMAIN: 'x.example' }, '1.0.0')).toMatchObject({ appId: ids.appId, botDomain: 'x.example' });
    expect(() => idsFromEnv({}, '0.1.0')).toThrow(/MicrosoftAppId is not set/);
    expect(() => idsFromEnv({ MicrosoftAppId: 'nope', BOT_DOMAIN: 'https://x' }, '0.1.0')).toThrow(/GUID[\s\S]*BOT_DOMAIN/);
  });
});

describe('local mode: playground users = local directory', () => {
  const { readPlaygroundUsers } = createRequire(__filename)('../scripts/playground.cjs') as {
    readPlaygroundUsers(text: string): { currentUser?: { fields: Record<string, string> }; users: { fields: Record<string, string> }[] };
  };
  const yml = readFileSync(path.join(ROOT, '.m365agentsplayground.yml'), 'utf8');
  const parsed = readPlaygroundUsers(yml);
  const playgroundUsers = [parsed.currentUser!, ...parsed.users].map((u) => u.fields);

  it('has the same tenant, users, ids and names', () => {
    expect(yml).toMatch(new RegExp(`^tenantId: ${directory.tenantId}$`, 'm'));
    expect(parsed.users).toHaveLength(5); // the playground's config schema requires exactly 5 + currentUser
    const fromYml = playgroundUsers.map((u) => ({ aadObjectId: u.aadObjectId, teamsUserId: u.id, name: u.name, email: u.email })).sort((a, b) => a.aadObjectId!.localeCompare(b.aadObjectId!));
    const fromDir = directory.users.map((u) => ({ aadObjectId: u.aadObjectId, teamsUserId: u.teamsUserId, name: u.name, email: u.email })).sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
    expect(fromYml).toEqual(fromDir);
  });

  it('has managers that exist, at least one admin, and JIS prefecture codes', () => {
    const known = new Set(directory.users.map((u) => u.aadObjectId));
    for (const u of directory.users) {
      if (u.managerAadObjectId) expect(known.has(u.managerAadObjectId)).toBe(true);
      expect(u.officePrefecture).toMatch(/^(0[1-9]|[1-3]\d|4[0-7])$/);
      expect(u.homePrefecture).toMatch(/^(0[1-9]|[1-3]\d|4[0-7])$/);
    }
    expect(directory.users.some((u) => u.isAdmin)).toBe(true);
  });
});
