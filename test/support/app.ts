import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/shared/clock';
import { createLogger } from '../../src/log/logger';
import { start, type Overrides, type RunningApp } from '../../src/main';
import type { Db } from '../../src/store/db';
import { openTestPglite } from './db';

export interface TestApp extends RunningApp {
  post(body: unknown): Promise<{ status: number; body: unknown }>;
}

/** The temp folder as it was at load: a test that points TMPDIR elsewhere (json-only) watches that folder stay empty. */
const TEMP = tmpdir();
/** Audit anchors of test apps go to a temporary folder, never into the working tree. */
export const testAnchorDir = (): string => mkdtempSync(path.join(TEMP, 'anshin-anchors-'));

/** The real app (HTTP server, bot, jobs, delivery) on a cloned template database. */
export async function startTestApp(env: Record<string, string> = {}, options: { db?: Db; clock?: Clock; overrides?: Overrides } = {}): Promise<TestApp> {
  const db = options.db ?? (await openTestPglite());
  const config = loadConfig({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SCHEDULER_ENABLED: 'false', DIRECTORY_FILE: '/nonexistent', PLEDGE_REQUIRED: 'false', HOME_NETWORK_CHECK: 'off', AUDIT_ANCHOR_DIR: testAnchorDir(), ...env });
  const app = await start(config, { db, clock: options.clock, logger: createLogger(config.logLevel), ...options.overrides });
  return {
    ...app,
    async stop() {
      await app.stop();
      if (!options.db) await db.close();
    },
    async post(body) {
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}

let seq = 0;

/** A Teams personal-chat activity as the Bot Connector delivers it. */
export function teamsActivity(p: { serviceUrl: string; user: string; tenant?: string; locale?: string; name?: string }, extra: Record<string, unknown>) {
  const tenant = p.tenant ?? 'tenant-1';
  seq += 1;
  return {
    channelId: 'msteams',
    serviceUrl: p.serviceUrl,
    id: `act-${seq}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${p.user}`, aadObjectId: p.user, name: p.name ?? `User ${p.user}` },
    recipient: { id: '28:anshin-bot', name: 'Anshin' },
    conversation: { id: `a:conv-${p.user}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    locale: p.locale ?? 'ja-JP',
    ...extra,
  };
}

export const messageActivity = (p: Parameters<typeof teamsActivity>[0], text: string) => teamsActivity(p, { type: 'message', text });

export const executeActivity = (p: Parameters<typeof teamsActivity>[0], verb: string, data: Record<string, unknown>, replyToId = 'card-1') =>
  teamsActivity(p, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

/** Finds elements of a card by a predicate, depth first. */
export function findElements(node: unknown, pred: (el: Record<string, unknown>) => boolean, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => findElements(n, pred, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (pred(el)) out.push(el);
    Object.values(el).forEach((v) => findElements(v, pred, out));
  }
  return out;
}

/**
 * The card as JSON, its Markdown escapes removed (src/cards/escape.ts): text reads as a person sees
 * it, so `Remote lock (PC-1)` matches whether or not the card escaped the parentheses.
 */
export const cardText = (card: unknown): string => JSON.stringify(card).replace(/\\\\(?=[\\`*_[\]()<>#&~|+=.-])/g, '');
