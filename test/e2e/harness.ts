// End-to-end harness: the Microsoft 365 Agents Playground (local Teams client) in a child process,
// bound to 127.0.0.1, driven through headless Debian Chromium with playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOOPBACK = path.join(ROOT, 'scripts/loopback.cjs');
const CLI = path.join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');

/** Why the browser test cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM} (Debian package "chromium"; or set CHROMIUM_PATH)`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Playground {
  url: string;
  port: number;
  /** stdout + stderr of the playground so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the playground against `botEndpoint`; resolves once it answers HTTP. */
export async function startPlayground(opts: { botEndpoint: string; workDir: string; timeoutMs?: number }): Promise<Playground> {
  mkdirSync(opts.workDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['-r', LOOPBACK, CLI, '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(port),
    '--service-url', `${url}/_connector`, '--disable-telemetry'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: opts.workDir,
    detached: true, // own process group: stop() ends the playground and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(opts.workDir, 'playground.log'),
      TZ: 'Asia/Tokyo', // the client time zone the playground reports in activities
    },
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const group = -child.pid;
    try { process.kill(group, 'SIGTERM'); } catch { return; }
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      try { process.kill(group, 'SIGKILL'); } catch { /* already gone */ }
      await exited;
    }
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Agents Playground exited with code ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Agents Playground did not answer on ${url} within ${opts.timeoutMs ?? 30_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, output: () => log, stop };
}

/** Headless Chromium; every request that does not go to 127.0.0.1/localhost is aborted. */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 1000 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort('blockedbyclient'));
  return context;
}

// ---- Adaptive Card JSON (only what the driver needs)

export interface CardElement {
  type: string;
  id?: string;
  text?: string;
  title?: string;
  style?: string;
  isMultiSelect?: boolean;
  valueOn?: string;
  choices?: { title: string; value: string }[];
  items?: CardElement[];
  columns?: CardElement[];
  body?: CardElement[];
  actions?: CardAction[];
  [key: string]: unknown;
}
export interface CardAction { type: string; title?: string; verb?: string; data?: unknown }
export type AdaptiveCard = CardElement;

/** Visits a card's elements in document (= rendering) order. */
function walkCard(el: CardElement, visit: (el: CardElement) => void): void {
  visit(el);
  for (const child of [...(el.body ?? []), ...(el.items ?? []), ...(el.columns ?? [])]) walkCard(child, visit);
}

/** Input elements of a card in document (= rendering) order. */
export function cardInputs(card: CardElement): CardElement[] {
  const out: CardElement[] = [];
  walkCard(card, (el) => { if (el.type.startsWith('Input.')) out.push(el); });
  return out;
}

type InputKind = 'radio' | 'combobox' | 'time' | 'checkbox' | 'multi' | 'text';
type DomGroup = keyof typeof DOM_SELECTOR;

/** How the playground (Fluent UI renderer) draws each input kind. */
function inputKind(el: CardElement): InputKind {
  if (el.type === 'Input.Toggle') return 'checkbox';
  if (el.type === 'Input.Time' || el.type === 'Input.Date') return 'time'; // Fluent Time/DatePicker: a combobox
  if (el.type === 'Input.ChoiceSet') {
    if (el.isMultiSelect) return 'multi';
    return el.style === 'expanded' ? 'radio' : 'combobox';
  }
  return 'text';
}

function domGroup(kind: InputKind): DomGroup {
  if (kind === 'time') return 'combobox';
  if (kind === 'multi') return 'checkbox';
  return kind;
}

const DOM_SELECTOR = {
  radio: '[role="radiogroup"]',
  combobox: '[role="combobox"]',
  checkbox: 'input[type="checkbox"]',
  text: 'textarea, input:not([type="radio"]):not([type="checkbox"]):not([role="combobox"])',
} as const;

interface WsCard {
  messageId: string;
  card: AdaptiveCard;
}

/** Drives one playground browser tab: compose box, cards, actions. */
export class PlaygroundPage {
  /** Cards the bot sent, as the playground pushed them to the page (websocket), oldest first. */
  readonly cards: WsCard[] = [];
  /** Activity log lines of the playground (bot requests and responses), for diagnostics. */
  readonly log: string[] = [];

  constructor(readonly page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
        this.onFrame(text);
      });
    });
  }

  private onFrame(text: string): void {
    let msg: { action?: string; logAction?: string; message?: { messageId?: string; attachments?: { contentType?: string; content?: unknown }[] }; log?: { displayText?: string; activityName?: string; from?: string; to?: string; response?: { statusCode?: number } } };
    try { msg = JSON.parse(text) as typeof msg; } catch { return; }
    if (msg.log) {
      const l = msg.log;
      this.log.push(l.activityName
        ? `${l.from ?? '?'} → ${l.to ?? '?'}: ${l.activityName} ${l.response?.statusCode ?? ''} ${l.displayText ?? ''}`.trim()
        : (l.displayText ?? ''));
    }
    for (const a of msg.message?.attachments ?? []) {
      if (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) {
        this.cards.push({ messageId: msg.message?.messageId ?? '', card: a.content as AdaptiveCard });
      }
    }
  }

  get composeBox(): Locator {
    return this.page.locator('[contenteditable="true"][role="textbox"]');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.composeBox.waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** Types a message in the compose box and sends it (Enter). */
  async send(text: string): Promise<void> {
    await this.composeBox.click();
    await this.composeBox.pressSequentially(text);
    await this.page.keyboard.press('Enter');
  }

  /** Waits for a bot card matching `predicate`; returns its JSON and the rendered card. */
  async waitForCard(predicate: (card: AdaptiveCard) => boolean, timeoutMs = 20_000): Promise<{ card: AdaptiveCard; locator: Locator }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.cards].reverse().find((c) => predicate(c.card));
      if (found) {
        const heading = cardTexts(found.card)[0]?.replace(/[*_~`]/g, '').trim(); // rendered without markdown
        let locator = this.page.locator('.ac-adaptiveCard');
        if (heading) locator = locator.filter({ hasText: heading });
        locator = locator.last();
        await locator.waitFor({ state: 'visible', timeout: Math.max(1000, deadline - Date.now()) });
        return { card: found.card, locator };
      }
      if (Date.now() > deadline) {
        throw new Error(`No matching card within ${timeoutMs} ms. Cards: ${this.cards.length}. Playground log:\n  ${this.log.join('\n  ')}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Sets inputs of a rendered card by input id → value (Adaptive Card values: choice values,
   * valueOn/valueOff for toggles, text). Elements are matched through the card JSON, so the test
   * does not depend on labels or language.
   */
  async fillCard(locator: Locator, card: AdaptiveCard, values: Readonly<Record<string, string>>): Promise<void> {
    const inputs = cardInputs(card);
    for (const [id, value] of Object.entries(values)) {
      const el = inputs.find((i) => i.id === id);
      if (!el) throw new Error(`Card has no input "${id}" (inputs: ${inputs.map((i) => i.id).join(', ')})`);
      const kind = inputKind(el);
      if (kind === 'multi') throw new Error(`Input "${id}": multi-select choice sets are not supported by the driver`);
      const group = domGroup(kind);
      const nth = inputs.filter((i) => domGroup(inputKind(i)) === group).indexOf(el);
      const dom = locator.locator(DOM_SELECTOR[group]).nth(nth);
      if (kind === 'radio') {
        await dom.locator(`input[type="radio"][value="${cssEscape(value)}"]`).check();
      } else if (kind === 'combobox') {
        const choice = el.choices?.find((c) => c.value === value);
        if (!choice) throw new Error(`Input "${id}" has no choice "${value}"`);
        await dom.click();
        await this.page.getByRole('option', { name: choice.title, exact: true }).click();
      } else if (kind === 'time') {
        await dom.fill(value);
        await dom.press('Enter');
      } else if (kind === 'checkbox') {
        await dom.setChecked(value === (el.valueOn ?? 'true'));
      } else {
        await dom.fill(value);
      }
    }
  }

  /** Clicks the card action with this verb (Action.Execute) or title. */
  async clickAction(locator: Locator, card: AdaptiveCard, verbOrTitle: string): Promise<void> {
    const action = (card.actions ?? []).find((a) => a.verb === verbOrTitle || a.title === verbOrTitle);
    if (!action?.title) throw new Error(`Card has no action "${verbOrTitle}"`);
    await locator.getByRole('button', { name: action.title, exact: true }).click();
  }

  async screenshot(file: string): Promise<void> {
    mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, fullPage: true });
  }
}

/** TextBlock texts of a card in document order. */
function cardTexts(card: CardElement): string[] {
  const out: string[] = [];
  walkCard(card, (el) => { if (el.type === 'TextBlock' && typeof el.text === 'string' && el.text.trim()) out.push(el.text); });
  return out;
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
