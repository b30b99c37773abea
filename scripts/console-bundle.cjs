#!/usr/bin/env node
// Builds the console tab (src/console → dist/console, served under /console/) when the bundle is
// missing or older than any of its sources. `npm start` runs it first, so `npm install` + `npm start`
// stay the two commands; `npm run build` always rebuilds (--force); the e2e test calls it too.
// Vite is a devDependency: a production install (npm run artifact) has the bundle built already.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sources = path.join(root, 'src/console');
const bundle = path.join(root, 'dist/console/index.html');

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function upToDate() {
  if (!fs.existsSync(bundle)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  return newest(sources) <= built && fs.statSync(path.join(root, 'package-lock.json')).mtimeMs <= built;
}

function build() {
  const force = process.argv.includes('--force');
  if (!force && upToDate()) return 0;
  // Vite's package exports do not include its bin file: find it where npm installs it.
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    // A production install without Vite: serve what was built, or say how to build it.
    if (fs.existsSync(bundle)) return 0;
    console.error('console bundle missing and Vite is not installed: run `npm install` then `npm run build:console`');
    return force ? 1 : 0;
  }
  console.log('building the console tab (dist/console)…');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(sources, 'vite.config.mts')], { cwd: root, stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  return r.status ?? 1;
}

process.exitCode = build();
