// The three parts of every playground end-to-end test: the real bot (PGlite in a temp dir, the local
// directory), the Agents Playground pointed at it, and Chromium showing the playground.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/shared/clock';
import { start } from '../../src/main';
import { openPglite } from '../../src/store/pglite';
import { ROOT, launchBrowser, PlaygroundPage, startPlayground, type Playground } from './harness';

export type RunningBot = Awaited<ReturnType<typeof start>>;

export interface PlaygroundWorld {
  readonly bot: RunningBot;
  readonly ui: PlaygroundPage;
  /** Stops whatever runs and removes the temp dir. */
  stop(): Promise<void>;
}

/**
 * A new PGlite data directory runs initdb (~10 s). When the global setup has migrated a template
 * (test/support/global-setup.ts), unpack it into the bot's data directory instead (~1 s).
 */
async function seedDataDir(dataDir: string): Promise<void> {
  const template: unknown = inject('pgliteTemplate');
  if (typeof template !== 'string') return;
  const db = await openPglite({ dataDir, loadDataDir: new Blob([readFileSync(template)]) });
  await db.close();
}

/**
 * Bot, playground and browser start in parallel; each is recorded as soon as it is up, so a failure
 * of one stops the others that did start before the error is thrown.
 */
export async function startPlaygroundWorld(name: string, env: Record<string, string>, clock?: Clock): Promise<PlaygroundWorld> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `anshin-e2e-${name}-`));
  const dataDir = path.join(tmp, 'data');
  let bot: RunningBot | undefined;
  let playground: Playground | undefined;
  let browser: BrowserContext | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await playground?.stop();
    await bot?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await seedDataDir(dataDir);
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, AUDIT_ANCHOR_DIR: path.join(dataDir, '..', `${path.basename(dataDir)}-anchors`), DIRECTORY_FILE: path.join(ROOT, 'scripts/local/directory.json'), ...env });
    const botStarted = start(config, { clock }).then((b) => (bot = b));
    const browserStarted = launchBrowser(path.join(tmp, 'chromium')).then((b) => (browser = b));
    const playgroundStarted = botStarted
      .then((b) => startPlayground({ botEndpoint: `http://127.0.0.1:${b.port}/api/messages`, workDir: path.join(tmp, 'playground') }))
      .then((p) => (playground = p));
    const failed = (await Promise.allSettled([botStarted, browserStarted, playgroundStarted])).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (!bot || !browser || !playground) throw new Error('unreachable: bot, browser and playground are started');
    const ui = new PlaygroundPage(browser.pages()[0] ?? (await browser.newPage()));
    await ui.open(playground.url);
    return { bot, ui, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
