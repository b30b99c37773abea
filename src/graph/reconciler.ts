/**
 * Crash recovery for sends: a process died between "HTTP send started" and "result stored", so we
 * do not know whether the card reached the user. Graph can read the bot's 1:1 chat; if a bot
 * message with exactly this card is there, the delivery is marked sent instead of sent twice.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Reconciler } from '../delivery/worker';
import type { Logger } from '../log/logger';
import { followNextLink, graphErrorInfo } from './client';
import type { ChatLookup } from './installed-apps';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const PAGE_SIZE = 50; // Graph maximum for chat messages
const MAX_NEXT_LINKS = 2;
/** Clock skew between the database and Teams, and the delivery row written just before the send. */
const CLOCK_SLACK_MS = 5000;

export interface ReconcilerOptions {
  readonly client: Client;
  readonly chats: ChatLookup;
  /** The bot's Entra app id; when given, only messages from this application count. */
  readonly botAppId?: string;
  readonly logger?: Logger;
}

interface GraphChatMessage {
  id?: string;
  createdDateTime?: string;
  from?: { application?: { id?: string } | null } | null;
  attachments?: Array<{ contentType?: string; content?: string | null }>;
}

interface MessagesPage {
  value?: GraphChatMessage[];
  '@odata.nextLink'?: string;
}

export function createReconciler(o: ReconcilerOptions): Reconciler {
  async function find(p: Parameters<Reconciler['find']>[0]): ReturnType<Reconciler['find']> {
    try {
      const wanted = adaptiveCards(p.activity);
      // A message without a card cannot be recognised reliably (Graph returns rendered HTML text).
      if (!wanted.length) return 'unknown' as const;
      const chatId = await o.chats.chatIdFor(p.recipientId);
      if (!chatId) return 'unknown' as const;
      const since = p.createdAt.getTime() - CLOCK_SLACK_MS;
      const messageId = await findMessage(chatId, wanted, since);
      if (!messageId) return null;
      // The bot's 1:1 chat is the user's stored conversation; Graph's chat id is the fallback.
      return { activityId: messageId, conversationId: p.conversationId ?? chatId };
    } catch (err) {
      const e = graphErrorInfo(err);
      o.logger?.warn({ key: p.key, status: e.status, code: e.code, err: e.message }, 'reconcile: could not read the chat');
      return 'unknown' as const;
    }
  }

  /** Newest first; returns the oldest matching bot message created at or after `since`. */
  async function findMessage(chatId: string, wanted: string[], since: number): Promise<string | undefined> {
    let page = (await o.client.api(`/chats/${encodeURIComponent(chatId)}/messages`).top(PAGE_SIZE).get()) as MessagesPage;
    let match: string | undefined;
    for (let followed = 0; ; followed++) {
      let reachedOlder = false;
      for (const m of page.value ?? []) {
        const created = Date.parse(m.createdDateTime ?? '');
        if (!Number.isNaN(created) && created < since) {
          reachedOlder = true;
          break;
        }
        if (m.id && fromBot(m) && sameCards(m, wanted)) match = m.id;
      }
      const next = page['@odata.nextLink'];
      if (reachedOlder || !next || followed >= MAX_NEXT_LINKS) return match;
      page = await followNextLink<MessagesPage>(o.client, next);
    }
  }

  function fromBot(m: GraphChatMessage): boolean {
    const app = m.from?.application;
    return !!app && (!o.botAppId || app.id === o.botAppId);
  }

  return { find };
}

/** Canonical JSON of every adaptive card in the activity, in attachment order. */
function adaptiveCards(activity: unknown): string[] {
  const attachments = isRecord(activity) && Array.isArray(activity['attachments']) ? activity['attachments'] : [];
  const out: string[] = [];
  for (const a of attachments) {
    if (!isRecord(a) || a['contentType'] !== ADAPTIVE_CARD) continue;
    const content = typeof a['content'] === 'string' ? parseJson(a['content']) : a['content'];
    if (content !== undefined) out.push(canonical(content));
  }
  return out;
}

function sameCards(m: GraphChatMessage, wanted: string[]): boolean {
  const got = (m.attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE_CARD && typeof a.content === 'string')
    .map((a) => parseJson(a.content ?? ''));
  return got.length === wanted.length && got.every((c, i) => c !== undefined && canonical(c) === wanted[i]);
}

/** JSON with object keys sorted at every level, so key order never decides equality. @internal (tested directly) */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
