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

export function createReconciler(options: ReconcilerOptions): Reconciler {
  async function find(params: Parameters<Reconciler['find']>[0]): ReturnType<Reconciler['find']> {
    try {
      const wanted = adaptiveCards(params.activity);
      // A message without a card cannot be recognised reliably (Graph returns rendered HTML text).
      if (!wanted.length) return 'unknown' as const;
      const chatId = await options.chats.chatIdFor(params.recipientId);
      if (!chatId) return 'unknown' as const;
      const since = params.createdAt.getTime() - CLOCK_SLACK_MS;
      const messageId = await findMessage(chatId, wanted, since);
      if (!messageId) return null;
      // The bot's 1:1 chat is the user's stored conversation; Graph's chat id is the fallback.
      return { activityId: messageId, conversationId: params.conversationId ?? chatId };
    } catch (err) {
      const e = graphErrorInfo(err);
      options.logger?.warn({ key: params.key, status: e.status, code: e.code, err: e.message }, 'reconcile: could not read the chat');
      return 'unknown' as const;
    }
  }

  /** Newest first; returns the oldest matching bot message created at or after `since`. */
  async function findMessage(chatId: string, wanted: string[], since: number): Promise<string | undefined> {
    let page = (await options.client.api(`/chats/${encodeURIComponent(chatId)}/messages`).top(PAGE_SIZE).get()) as MessagesPage;
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
      page = await followNextLink<MessagesPage>(options.client, next);
    }
  }

  function fromBot(message: GraphChatMessage): boolean {
    const app = message.from?.application;
    return !!app && (!options.botAppId || app.id === options.botAppId);
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

function sameCards(message: GraphChatMessage, wanted: string[]): boolean {
  const got = (message.attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE_CARD && typeof a.content === 'string')
    .map((a) => parseJson(a.content ?? ''));
  return got.length === wanted.length && got.every((c, i) => c !== undefined && canonical(c) === wanted[i]);
}

/** JSON with object keys sorted at every level, so key order never decides equality. @internal (tested directly) */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
