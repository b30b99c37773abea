// The architecture rules of .dependency-cruiser.cjs hold for src/, and they bite: a small synthetic
// tree that breaks each rule once gets exactly those violations. Plus the project rules that are
// about text rather than imports: file length, process.env, the Bot Framework SDK imports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const MAX_LINES = 300;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Cruises `src` under baseDir with the repository's own config, as `npm run lint:deps` does. */
async function cruiseSrc(baseDir: string): Promise<Violation[]> {
  // dependency-cruiser is ESM-only and this package is CommonJS: load it with import().
  const { cruise } = await import('dependency-cruiser');
  const { default: extractDepcruiseOptions } = await import(
    'dependency-cruiser/config-utl/extract-depcruise-options'
  );
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  // The fixture's node_modules is a symlink to ours; keep the link's path so rules see node_modules/….
  const { output } = await cruise(['src'], { ...options, baseDir, preserveSymlinks: true });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a result');
  return output.summary.violations.map((v) => {
    const cycle = v.cycle?.map((step) => step.name);
    return { rule: v.rule.name, ...(cycle ? describeCycle(cycle) : { from: v.from, to: packageOf(v.to) }) };
  });
}

/**
 * A cycle is reported once, from whichever of its files the cruise met first: start it at its
 * alphabetically first file so the same cycle always reads the same, and show the whole ring.
 */
function describeCycle(names: string[]): Pick<Violation, 'from' | 'to'> {
  const first = [...names].sort()[0] ?? '';
  const start = names.indexOf(first);
  const ring = [...names.slice(start), ...names.slice(0, start)];
  return { from: first, to: [...ring.slice(1), first].join(' → ') };
}

/** node_modules/botbuilder/lib/index.js → botbuilder, so expectations do not depend on package layout. */
function packageOf(resolved: string): string {
  const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved);
  return match?.[1] ?? resolved;
}

function byRuleAndFrom(a: Violation, b: Violation): number {
  return a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
}

const fixtures: string[] = [];

/** Writes a throwaway tree (files relative to its root) next to this repository's package.json and node_modules. */
function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anshin-arch-'));
  fixtures.push(dir);
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

afterAll(() => {
  for (const dir of fixtures) fs.rmSync(dir, { recursive: true, force: true });
});

function srcFiles(): string[] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .map((name) => path.join('src', name).split(path.sep).join('/'))
    .filter((name) => fs.statSync(path.join(ROOT, name)).isFile())
    .sort();
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('src has no violations', async () => {
    expect(await cruiseSrc(ROOT)).toEqual([]);
  });

  it('a domain file importing the store is exactly one violation', async () => {
    const dir = writeTree({
      'src/main.ts': "import { isLate } from './domain/rule';\nconsole.log(isLate(1));\n",
      'src/domain/rule.ts': "import { LIMIT } from '../store/db';\nexport const isLate = (n: number) => n > LIMIT;\n",
      'src/store/db.ts': 'export const LIMIT = 0;\n',
    });
    expect(await cruiseSrc(dir)).toEqual([
      { rule: 'domain-is-pure', from: 'src/domain/rule.ts', to: 'src/store/db.ts' },
    ]);
  });

  it('every other rule bites once', async () => {
    const dir = writeTree({
      'src/main.ts': "import './wiring';\n",
      'src/wiring.ts': [
        "import './features/alpha/index';",
        "import './features/beta/index';",
        "import './teams/adapter';",
        "import './cards/render';",
        "import './log/logger';",
        "import './domain/clock';",
        "import './http/server';",
        "import './graph/client';",
        "import './feeds/poller';",
        '',
      ].join('\n'),
      'src/features/alpha/index.ts': "export { run } from './service';\n",
      // Through beta's index is fine; reaching into beta's repository is not.
      'src/features/alpha/service.ts':
        "import { find } from '../beta/index';\nimport { query } from '../beta/repository';\nexport const run = () => find() + query();\n",
      'src/features/beta/index.ts': "import { query } from './repository';\nexport const find = () => query();\n",
      'src/features/beta/repository.ts': 'export const query = () => 1;\n',
      'src/teams/adapter.ts': "import { CloudAdapter } from 'botbuilder';\nexport const Adapter = CloudAdapter;\n",
      'src/cards/render.ts':
        "import { CardFactory } from 'botbuilder';\nimport { run } from '../features/alpha/index';\nexport const render = () => [CardFactory, run];\n",
      // A cycle made only of type imports still counts.
      'src/log/logger.ts': "import type { Sink } from './sink';\nexport type Level = 'info';\nexport interface Logger { sink: Sink }\n",
      'src/log/sink.ts': "import type { Level } from './logger';\nexport interface Sink { level: Level }\n",
      'src/domain/clock.ts': "import { readFileSync } from 'node:fs';\nexport const now = () => readFileSync('/etc/timezone');\n",
      'src/http/server.ts': "import Ajv from 'ajv';\nexport const ajv = new Ajv();\n",
      'src/graph/client.ts': "import semver from 'semver';\nexport const v = semver.valid('1.0.0');\n",
      'src/feeds/poller.ts': "import './missing';\n",
      'src/orphan.ts': 'export const nothing = 1;\n',
    });
    const violations = await cruiseSrc(dir);
    expect(violations.sort(byRuleAndFrom)).toEqual(
      [
        { rule: 'bot-sdks-only-in-teams', from: 'src/cards/render.ts', to: 'botbuilder' },
        { rule: 'core-does-not-import-features', from: 'src/cards/render.ts', to: 'src/features/alpha/index.ts' },
        { rule: 'domain-is-pure', from: 'src/domain/clock.ts', to: 'fs' },
        { rule: 'features-talk-through-index', from: 'src/features/alpha/service.ts', to: 'src/features/beta/repository.ts' },
        { rule: 'no-circular', from: 'src/log/logger.ts', to: 'src/log/sink.ts → src/log/logger.ts' },
        { rule: 'no-non-package-json', from: 'src/graph/client.ts', to: 'semver' },
        { rule: 'no-orphans', from: 'src/orphan.ts', to: 'src/orphan.ts' },
        { rule: 'not-to-dev-dep', from: 'src/http/server.ts', to: 'ajv' },
        { rule: 'not-to-unresolvable', from: 'src/feeds/poller.ts', to: './missing' },
      ].sort(byRuleAndFrom),
    );
  });
});

describe('source text rules', () => {
  const files = srcFiles();
  const code = files.filter((name) => name.endsWith('.ts'));

  it(`no file in src is over ${MAX_LINES} lines`, () => {
    const long = files
      .map((name) => ({ name, lines: fs.readFileSync(path.join(ROOT, name), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('only src/config.ts reads process.env', () => {
    const readers = code.filter((name) => fs.readFileSync(path.join(ROOT, name), 'utf8').includes('process.env'));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('only src/teams imports botbuilder, botframework-* or @microsoft/teams-ai', () => {
    // import/export … from '…', import '…', require('…') and import('…'), type imports included.
    const sdkImport =
      /(?:from\s+|import\s+|require\(\s*|import\(\s*)['"](?:botbuilder[^'"]*|botframework-[^'"]*|@microsoft\/teams-ai[^'"]*)['"]/;
    const importers = code.filter(
      (name) => !name.startsWith('src/teams/') && sdkImport.test(fs.readFileSync(path.join(ROOT, name), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
