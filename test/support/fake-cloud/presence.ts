/** Teams presence in the local Graph: settable per user, the batch endpoint with its 650-id limit,
 *  optional `@odata.nextLink` paging and injected 429s with Retry-After. */
import { HttpError } from './connector';

const GRAPH = 'https://graph.microsoft.com/v1.0';
/** Graph's limit of ids per `POST /communications/getPresencesByUserId`. */
export const MAX_PRESENCE_IDS = 650;

interface Presence { availability: string; activity: string }

export class FakePresence {
  private readonly byUser = new Map<string, Presence>();
  private readonly pending = new Map<string, Record<string, unknown>[]>();
  private nextToken = 0;
  /** Presences per answer; undefined (default) = all of a batch in one answer, as Graph usually does. */
  pageSize: number | undefined;
  /** The next `remaining` batch calls answer 429 with this Retry-After (seconds, fractional allowed). */
  readonly throttle = { remaining: 0, retryAfterSeconds: 1 };
  /** Ids asked for by each accepted POST, in order (for batch-size assertions). */
  readonly calls: number[] = [];
  throttled = 0;

  /** Sets a user's presence (AAD object id); `activity` defaults to the availability. */
  set(userId: string, availability: string, activity = availability): void {
    this.byUser.set(userId, { availability, activity });
  }

  get(userId: string): Presence | undefined { return this.byUser.get(userId); }

  /** POST body `{ ids: [...] }` → the first page (users never set are `PresenceUnknown`). */
  batch(body: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
    const ids = body['ids'];
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string')) {
      throw new HttpError(400, 'BadRequest', "Body must contain 'ids': a non-empty array of user ids");
    }
    if (ids.length > MAX_PRESENCE_IDS) throw new HttpError(400, 'BadRequest', `At most ${MAX_PRESENCE_IDS} ids per request`);
    if (this.throttle.remaining > 0) {
      this.throttle.remaining--;
      this.throttled++;
      throw new HttpError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': String(this.throttle.retryAfterSeconds) });
    }
    this.calls.push(ids.length);
    const all = (ids as string[]).map((id) => {
      const p = this.byUser.get(id) ?? { availability: 'PresenceUnknown', activity: 'PresenceUnknown' };
      return { '@odata.type': '#microsoft.graph.presence', id, availability: p.availability, activity: p.activity, statusMessage: null };
    });
    return this.answer(all, baseUrl);
  }

  /** GET on a `@odata.nextLink`: the next page of an earlier batch. */
  page(token: string | null, baseUrl: string): Record<string, unknown> {
    const rest = token ? this.pending.get(token) : undefined;
    if (!rest || !token) throw new HttpError(400, 'BadRequest', 'Unknown or expired $skiptoken');
    this.pending.delete(token);
    return this.answer(rest, baseUrl);
  }

  reset(): void {
    this.byUser.clear(); this.pending.clear(); this.calls.length = 0;
    this.pageSize = undefined; this.throttle.remaining = 0; this.throttled = 0;
  }

  private answer(all: Record<string, unknown>[], baseUrl: string): Record<string, unknown> {
    const size = this.pageSize ?? all.length;
    const value = all.slice(0, size);
    const out: Record<string, unknown> = { '@odata.context': `${GRAPH}/$metadata#Collection(microsoft.graph.presence)`, value };
    if (all.length > size) {
      const token = String(++this.nextToken);
      this.pending.set(token, all.slice(size));
      out['@odata.nextLink'] = `${baseUrl}/v1.0/communications/getPresencesByUserId?$skiptoken=${token}`;
    }
    return out;
  }
}
