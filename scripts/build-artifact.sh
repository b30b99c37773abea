#!/usr/bin/env bash
# The deployable app (`npm run artifact`): the committed sources, compiled with `npm run build`,
# with production dependencies only. Staged in build/app/ and zipped to build/anshin-app.zip for
# `az webapp deploy` (infra/README.md). `--no-zip` stages only (CI starts the staged app).
#
# It installs with the node/npm first on PATH: build on the Node major you run in production
# (24), on Linux x64 like App Service, so optional platform packages match.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stage="$root/build/app"
zipfile="$root/build/anshin-app.zip"

rm -rf "$stage"
mkdir -p "$stage"
# Committed files only: nothing from data/, .env or a developer's node_modules reaches production.
git -C "$root" archive --format=tar HEAD | tar -x -C "$stage"
cd "$stage"
echo "== artifact: npm ci and build with node $(node --version)"
npm ci --no-audit --no-fund
npm run build
npm prune --omit=dev --no-audit --no-fund
# What production runs and reads: the compiled app, the card templates, production dependencies, and
# the default guideline the bot answers questions from (GUIDELINE_FILE, docs/guideline.md).
find . -mindepth 1 -maxdepth 1 ! -name dist ! -name cards ! -name node_modules ! -name package.json ! -name package-lock.json ! -name docs \
  -exec rm -rf {} +
find docs -mindepth 1 -maxdepth 1 ! -name guideline -exec rm -rf {} +
du -sh "$stage"

if [ "${1:-}" != "--no-zip" ]; then
  command -v zip >/dev/null || { echo "zip is not installed (apt-get install zip)"; exit 1; }
  rm -f "$zipfile"
  (cd "$stage" && zip -qr -y "$zipfile" .)
  echo "built ${zipfile#"$root"/} ($(du -h "$zipfile" | cut -f1))"
fi
