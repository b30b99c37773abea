// The console tab is browser code: it reaches the server only through its HTTP API. Its files may
// import packages and each other, never a server module of src or a Node built-in; and no server
// module imports the console's sources (the server serves the built bundle as files).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');
const CONSOLE = path.join(SRC, 'console');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), ext) : ext.test(e.name) ? [path.join(dir, e.name)] : []));
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');

describe('src/console is browser code', () => {
  it('imports nothing of the server and no Node built-in', () => {
    const offending: string[] = [];
    for (const file of files(CONSOLE, /\.tsx?$/)) {
      for (const spec of importsOf(file)) {
        const outside = spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(CONSOLE);
        const builtin = spec.startsWith('node:') || builtinModules.includes(spec);
        if (outside || builtin) offending.push(`${path.relative(SRC, file)} → ${spec}`);
      }
    }
    // The Vite config runs in Node at build time, not in the page.
    expect(offending.filter((o) => !o.startsWith('console/vite.config'))).toEqual([]);
  });

  it('is not imported by the server', () => {
    const offending = files(SRC, /\.ts$/).filter((f) => !f.startsWith(CONSOLE)).filter((f) => importsOf(f).some((spec) => spec.startsWith('.') && path.resolve(path.dirname(f), spec).startsWith(CONSOLE)));
    expect(offending).toEqual([]);
  });

  it('proves the check bites', () => {
    expect(importsOf('/dev/null')).toEqual([]);
    const sample = path.join(CONSOLE, 'App.tsx');
    expect(importsOf(sample)).toContain('./api');
  });
});
