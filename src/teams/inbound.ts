import { z } from 'zod';

/**
 * What a request body must look like before the SDK or the bot reads it. The SDK accepts almost
 * anything once a `type` is there, then fails with a 500 (a `serviceUrl` that is not a string) or the
 * turn trips over a sender that is a string. Ids are bounded so a hostile sender cannot make the store
 * keep megabytes per row. Unknown fields are allowed: Teams adds new ones.
 */
const id = (max: number) => z.string().min(1).max(max);
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.nullish();

const account = z.object({ id: id(256), aadObjectId: optional(id(256)), name: optional(z.string()) });
const conversation = z.object({ id: id(1024), tenantId: optional(id(256)), conversationType: optional(z.string().max(64)) });
const objects = z.array(z.record(z.unknown()));

const envelope = z.object({
  type: z.string().min(1).max(64),
  id: optional(z.string().max(256)),
  serviceUrl: optional(z.string().max(2048)),
  channelId: optional(z.string().max(64)),
  timestamp: optional(z.string().max(64)),
  localTimestamp: optional(z.string().max(64)),
  from: optional(account),
  recipient: optional(z.object({ id: optional(z.string().max(256)) })),
  conversation: optional(conversation),
  channelData: optional(z.object({ tenant: optional(z.object({ id: optional(id(256)) })) })),
  locale: optional(z.string().max(64)),
  replyToId: optional(z.string().max(256)),
  text: optional(z.string()),
  name: optional(z.string().max(256)),
  entities: optional(objects),
  attachments: optional(objects),
  membersAdded: optional(z.array(account)),
  membersRemoved: optional(z.array(account)),
});

/** Activities the bot acts on must say who speaks and where. */
const actedOn = envelope.extend({ from: account, conversation });
const ACTED_ON = new Set(['message', 'invoke', 'conversationUpdate']);

export function isWellFormed(body: unknown): boolean {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return false;
  return !ACTED_ON.has(parsed.data.type) || actedOn.safeParse(body).success;
}
