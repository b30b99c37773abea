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

export function callerOf(activity: Activity, fallbackTenant: string): Caller | undefined {
  const from = activity.from;
  if (!from?.id) return undefined;
  return {
    aadObjectId: from.aadObjectId ?? from.id,
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
