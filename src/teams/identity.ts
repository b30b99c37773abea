import { TurnContext, type Activity } from 'botbuilder';
import type { StoredReference } from '../store/conversation-refs';

/** Who is speaking, from a Teams activity. */
export interface Caller {
  readonly aadObjectId: string;
  readonly teamsUserId: string;
  readonly tenantId: string;
  readonly name?: string;
  readonly locale?: string;
}

interface TeamsChannelData {
  tenant?: { id?: string };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as TeamsChannelData | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id ?? undefined;
}

/** The only channel the bot serves: Bot Framework's other channels (Direct Line, Web Chat, the Emulator…) are refused. */
const TEAMS_CHANNEL = 'msteams';

/** Why an authenticated activity is not one the bot serves, before anything is stored; undefined when it is. */
export function notServed(activity: Partial<Activity>): 'notTeams' | 'notIdentified' | undefined {
  if (activity.channelId !== TEAMS_CHANNEL) return 'notTeams';
  if (!isId(activity.from?.id) || !isId(activity.from?.aadObjectId)) return 'notIdentified';
  return undefined;
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * A person is their Entra object id (`from.aadObjectId`), never the Teams channel id: that one is not a
 * directory id, and falling back to it would let a sender name someone else's object id as its own.
 */
export function callerOf(activity: Activity, fallbackTenant: string): Caller | undefined {
  const from = activity.from;
  if (!isId(from?.id) || !isId(from.aadObjectId)) return undefined;
  return {
    aadObjectId: from.aadObjectId,
    teamsUserId: from.id,
    tenantId: tenantOf(activity) ?? fallbackTenant,
    name: from.name,
    locale: activity.locale,
  };
}

/** The conversation reference to store for proactive messages (personal chats only). */
export function referenceOf(activity: Activity, caller: Caller): StoredReference | undefined {
  if (activity.conversation?.conversationType && activity.conversation.conversationType !== 'personal') return undefined;
  const ref = TurnContext.getConversationReference(activity);
  if (!ref.conversation?.id || !ref.serviceUrl) return undefined;
  return {
    userId: caller.aadObjectId,
    tenantId: caller.tenantId,
    conversationId: ref.conversation.id,
    serviceUrl: ref.serviceUrl,
    botId: ref.bot?.id,
    reference: JSON.parse(JSON.stringify(ref)) as Record<string, unknown>,
  };
}
