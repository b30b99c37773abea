#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsconfig.build.json, then copies the files the app
// reads at run time relative to its own modules (the SQL migrations next to store/migrate.js).
// Cards are read from the package's cards/ folder, which dist/cards/render.js finds at the same
// relative place as src/cards/render.ts does. `--out-dir <dir>` builds elsewhere (tests).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const flag = process.argv.indexOf('--out-dir');
const outDir = path.resolve(flag >= 0 ? process.argv[flag + 1] : path.join(root, 'dist'));

// Stale modules of renamed sources must not survive a rebuild; the Teams app zip that
// `npm run package` writes to dist/ stays.
if (fs.existsSync(outDir)) {
  for (const entry of fs.readdirSync(outDir)) {
    if (!entry.endsWith('.zip')) fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
}
// The package's bin file (typescript's exports do not include it).
const tscBin = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');
const tsc = spawnSync(process.execPath, [tscBin, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const from = path.join(root, 'src/store/migrations');
const to = path.join(outDir, 'store/migrations');
fs.mkdirSync(to, { recursive: true });
for (const f of fs.readdirSync(from).filter((name) => name.endsWith('.sql'))) fs.copyFileSync(path.join(from, f), path.join(to, f));
// The console tab's bundle (Vite): dist/console, where the server looks for it.
if (outDir === path.join(root, 'dist')) {
  const bundle = spawnSync(process.execPath, [path.join(__dirname, 'console-bundle.cjs'), '--force'], { stdio: 'inherit' });
  if (bundle.status !== 0) process.exit(bundle.status ?? 1);
}
console.log(`built ${path.relative(root, outDir) || '.'}`);
