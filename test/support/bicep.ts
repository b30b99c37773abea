/**
 * Just enough of a Bicep reader for the infra tests (there is no Bicep CLI on the build machines):
 * comments stripped, parameters with their defaults, resources with their bodies, and the value
 * expressions of app settings evaluated to sample values the way App Service would pass them.
 */

interface BicepParam {
  readonly name: string;
  readonly type: string;
  /** The default's expression, unevaluated; undefined when the parameter has none. */
  readonly default?: string;
}

interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly body: string;
}

interface BicepFile {
  readonly text: string;
  readonly params: ReadonlyMap<string, BicepParam>;
  readonly vars: ReadonlyMap<string, string>;
  readonly resources: readonly BicepResource[];
}

/** Removes // and /* *\/ comments, leaving string literals (which may hold "//") alone. */
function stripComments(source: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      out += c;
      if (c === '\\') out += source[++i] ?? '';
      else if (c === "'") inString = false;
    } else if (c === "'") {
      inString = true;
      out += c;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** The text between the brace or bracket at `open` and its match, exclusive. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '[': ']' };
  const opener = text[open] ?? '';
  const closer = pairs[opener];
  if (!closer) throw new Error(`no brace at ${open}`);
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
    } else if (c === "'") inString = true;
    else if (c === opener) depth++;
    else if (c === closer && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced ${opener} at ${open}`);
}

export function parseBicep(source: string): BicepFile {
  const text = stripComments(source);
  const params = new Map<string, BicepParam>();
  for (const m of text.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)) {
    const [, name = '', type = '', dflt] = m;
    params.set(name, { name, type, default: dflt?.trim() });
  }
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/^var (\w+) = (.+)$/gm)) vars.set(m[1] ?? '', (m[2] ?? '').trim());
  const resources: BicepResource[] = [];
  for (const m of text.matchAll(/^\s*resource (\w+) '([^'@]+)@[^']+'(?: existing)? = [^{\n]*\{/gm)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    resources.push({ symbol: m[1] ?? '', type: m[2] ?? '', body: balanced(text, open) });
  }
  return { text, params, vars, resources };
}

export function resourcesOfType(file: BicepFile, type: string): BicepResource[] {
  return file.resources.filter((r) => r.type === type);
}

export function oneResource(file: BicepFile, type: string): BicepResource {
  const found = resourcesOfType(file, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as BicepResource;
}

/** `name` / `value` pairs of a web app's siteConfig.appSettings, values as expressions. */
export function appSettings(webApp: BicepResource): Map<string, string> {
  const start = webApp.body.indexOf('appSettings: [');
  if (start < 0) throw new Error('no appSettings');
  const block = balanced(webApp.body, start + 'appSettings: '.length);
  const settings = new Map<string, string>();
  for (const m of block.matchAll(/name: '([^']+)'\s*\n\s*value: (.+)/g)) settings.set(m[1] ?? '', (m[2] ?? '').trim());
  return settings;
}

const SAMPLE_GUID = '00000000-0000-4000-8000-000000000001';

/**
 * Evaluates a value expression to what the app would see, with parameters at their defaults.
 * Resource properties known only after deployment become samples of the right shape; a Key Vault
 * reference becomes the value of the secret it names (App Service resolves it before start).
 */
export function sampleValue(file: BicepFile, expr: string, settingName = ''): string {
  const e = expr.trim();
  const ternary = /^(!?)empty\((\w+)\) \? (.+?) : (.+)$/.exec(e);
  if (ternary) {
    const [, not = '', name = '', whenEmpty = '', otherwise = ''] = ternary;
    const isEmpty = sampleValue(file, name) === '';
    return sampleValue(file, (not === '!') !== isEmpty ? whenEmpty : otherwise, settingName);
  }
  const keyVaultRef = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/.exec(e);
  if (keyVaultRef) {
    const secret = file.resources.find((r) => r.symbol === keyVaultRef[1]);
    const value = secret && /value: (.+)/.exec(secret.body)?.[1];
    if (!value) throw new Error(`Key Vault reference to unknown secret ${keyVaultRef[1]}`);
    return sampleValue(file, value, settingName);
  }
  if (e.startsWith("'") && e.endsWith("'")) {
    return e.slice(1, -1).replace(/\$\{([^}]+)\}/g, (_, inner: string) => sampleValue(file, inner));
  }
  const str = /^string\((\w+)\)$/.exec(e);
  if (str) return sampleValue(file, str[1] ?? '');
  const uri = /^uriComponent\((\w+)\)$/.exec(e);
  if (uri) return encodeURIComponent(sampleValue(file, uri[1] ?? ''));
  if (/^\d+$/.test(e) || e === 'true' || e === 'false') return e;
  const param = file.params.get(e);
  if (param) return param.default === undefined ? 'sample' : sampleValue(file, param.default);
  const variable = file.vars.get(e);
  if (variable) return sampleValue(file, variable, settingName);
  if (/ConnectionString$/.test(e)) return `InstrumentationKey=${SAMPLE_GUID};IngestionEndpoint=https://japaneast-1.in.applicationinsights.azure.com/`;
  if (/\.properties\.(clientId|tenantId|principalId)$/.test(e)) return SAMPLE_GUID;
  if (/\.properties\.fullyQualifiedDomainName$/.test(e)) return 'anshin-pg.postgres.database.azure.com';
  // Anything else (toLower(appName), uniqueString(…), other resource properties) is a plain word.
  if (/^[\w.]+$/.test(e) || /^\w+\(.*\)$/.test(e)) return 'sample';
  throw new Error(`cannot evaluate ${settingName ? `${settingName} = ` : ''}${e}`);
}
