// Builds the Teams app package: `npm run package` → dist/anshin-teams-app.zip
// (manifest.json + color.png + outline.png + localization files), validated offline against the
// manifest schema shipped in @microsoft/app-manifest.
//
// Environment (scripts may read process.env; src/ may not):
//   MicrosoftAppId  the bot's Entra app id (required; `--dev` uses a placeholder for a trial build)
//   TEAMS_APP_ID    the Teams app id (default: a stable UUID derived from the bot id)
//   BOT_DOMAIN      host name the bot is served from (default: localhost)
//   CONSOLE_APP_ID  the console tab's SSO app registration (webApplicationInfo; default: the bot id).
//                   A bot on a managed identity needs its own registration here (docs/console.md).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deflateRawSync, inflateRawSync, crc32 } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

export interface ManifestIds {
  botId: string;
  appId: string;
  botDomain: string;
  version: string;
  /** The console tab's SSO app registration; the bot's id when absent. */
  consoleAppId?: string;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export interface BuiltPackage {
  manifest: Record<string, unknown>;
  files: ZipEntry[];
  zip: Buffer;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** Placeholder bot id for `--dev` builds (validation only; Teams will not route to it). */
export const DEV_BOT_ID = '00000000-0000-0000-0000-000000000000';
const APP_ID_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'; // RFC 4122 URL namespace

/** RFC 4122 version-5 UUID of `name`: the same bot id always gives the same Teams app id. */
export function uuidV5(name: string, namespace = APP_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Reads the ids from an environment map; throws one message listing every problem. */
export function idsFromEnv(env: Record<string, string | undefined>, version: string, dev = false): ManifestIds {
  const problems: string[] = [];
  const botId = env.MicrosoftAppId?.trim() || (dev ? DEV_BOT_ID : '');
  if (!botId) problems.push('MicrosoftAppId is not set: the package needs the bot\'s Entra app id (or run with --dev for a placeholder build).');
  else if (!GUID.test(botId)) problems.push(`MicrosoftAppId must be a GUID, got "${botId}".`);
  const appId = env.TEAMS_APP_ID?.trim() || uuidV5(`anshin-teams-app:${botId.toLowerCase()}`);
  if (!GUID.test(appId)) problems.push(`TEAMS_APP_ID must be a GUID, got "${appId}".`);
  const botDomain = env.BOT_DOMAIN?.trim() || 'localhost';
  if (/[/:\s]/.test(botDomain)) problems.push(`BOT_DOMAIN must be a bare host name (no scheme, port or path), got "${botDomain}".`);
  const consoleAppId = env.CONSOLE_APP_ID?.trim() || undefined;
  if (consoleAppId && !GUID.test(consoleAppId)) problems.push(`CONSOLE_APP_ID must be a GUID, got "${consoleAppId}".`);
  if (problems.length) throw new Error(problems.join('\n'));
  return { botId, appId, botDomain, version, consoleAppId };
}

/** Replaces ${{BOT_ID}}, ${{APP_ID}}, ${{BOT_DOMAIN}}, ${{APP_VERSION}}, ${{CONSOLE_APP_ID}}; fails on any placeholder left. */
export function fillManifest(template: string, ids: ManifestIds): Record<string, unknown> {
  const values: Record<string, string> = {
    BOT_ID: ids.botId,
    APP_ID: ids.appId,
    BOT_DOMAIN: ids.botDomain,
    APP_VERSION: ids.version,
    CONSOLE_APP_ID: ids.consoleAppId ?? ids.botId,
  };
  const text = template.replace(/\$\{\{\s*([A-Z_]+)\s*\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Unknown placeholder ${whole} in the manifest template.`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Schema errors of a manifest or localization file (its `$schema` picks the bundled schema). */
export async function schemaErrors(doc: Record<string, unknown>): Promise<string[]> {
  const url = doc.$schema;
  if (typeof url !== 'string') return ['$schema is missing'];
  const schema = await AppManifestUtils.fetchSchema(url);
  // The v1.x Localization schemas contain patterns like `\[\b(…)\b]` that ajv compiles with the
  // `u` flag, where a lone `]` is a syntax error. Escaping it keeps the meaning.
  const fixed = JSON.parse(JSON.stringify(schema).replace(/\\\\b\]/g, '\\\\b\\\\]')) as typeof schema;
  return AppManifestUtils.validateAgainstSchema(doc as unknown as AppManifest, fixed);
}

function localizationFiles(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
  return (info?.additionalLanguages ?? []).map((l) => l.file);
}

/** Fills, validates and zips the package from `dir` (manifest.json, icons, localization files). */
export async function buildPackage(dir: string, ids: ManifestIds): Promise<BuiltPackage> {
  const manifest = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), ids);
  const errors = (await schemaErrors(manifest)).map((e) => `manifest.json: ${e}`);
  const icons = manifest.icons as { color: string; outline: string };
  const extra = localizationFiles(manifest);
  for (const file of extra) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    errors.push(...(await schemaErrors(doc)).map((e) => `${file}: ${e}`));
  }
  if (errors.length) throw new Error(`The Teams app manifest is not valid:\n  ${errors.join('\n  ')}`);
  const files: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...[icons.color, icons.outline, ...extra].map((name) => ({ name, data: readFileSync(join(dir, name)) })),
  ];
  return { manifest, files, zip: createZip(files) };
}

// ---- minimal ZIP (deflate, no encryption, no zip64), deterministic: fixed 1980-01-01 timestamps

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01

export function createZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    local.copy(central, 6, 4, 30); // same fields as the local header
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Reads a ZIP written by createZip (or any simple deflate/stored ZIP); checks every CRC. */
export function readZip(zip: Buffer): ZipEntry[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('Not a ZIP file: no end of central directory.');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('Bad ZIP central directory entry.');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if ((crc32(data) >>> 0) !== crc) throw new Error(`CRC mismatch for ${name} in ZIP.`);
    entries.push({ name, data });
    at += 46 + nameLen + skip;
  }
  return entries;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const dev = process.argv.includes('--dev');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const ids = idsFromEnv(process.env, pkg.version, dev);
  const built = await buildPackage(join(root, 'manifest'), ids);
  const out = join(root, 'dist', 'anshin-teams-app.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  console.log(`Teams app package: ${out} (${built.zip.length} bytes)`);
  console.log(`  files:      ${built.files.map((f) => f.name).join(', ')}`);
  console.log(`  app id:     ${ids.appId}`);
  console.log(`  bot id:     ${ids.botId}${ids.botId === DEV_BOT_ID ? '  (placeholder: --dev build, not for upload)' : ''}`);
  console.log(`  bot domain: ${ids.botDomain}`);
  console.log(`  console sign-in app: ${ids.consoleAppId ?? ids.botId}`);
  const unused = readdirSync(join(root, 'manifest')).filter((f) => !built.files.some((e) => e.name === f) && f !== 'manifest.json');
  if (unused.length) console.log(`  not packaged: ${unused.join(', ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
