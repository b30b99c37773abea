import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, startTestApp, teamsActivity, type TestApp } from '../support/app';

const TENANT = 'tenant-1';
const SERVICE_URL = 'http://127.0.0.1:9/connector/';

/**
 * Only Microsoft Teams speaks to the bot, and a person is their Entra (AAD) object id: an activity
 * from another channel, or one without `from.aadObjectId`, is refused with 403 before anything is
 * stored. (Local mode: no token, so the refusal comes from the bot itself, not from JWT validation.)
 */
describe('Teams only, people by their Entra object id', () => {
  let app: TestApp;
  const who = (user: string) => ({ serviceUrl: SERVICE_URL, user, tenant: TENANT });
  const counts = async () => {
    const r = await app.db.query<{ users: number; refs: number }>('select (select count(*) from users)::int as users, (select count(*) from conversation_refs)::int as refs');
    return r.rows[0];
  };
  /** An activity the bot answers without a reply (so no call to the connector), but stores its sender and reference. */
  const quiet = (user: string, serviceUrl = SERVICE_URL) => teamsActivity({ ...who(user), serviceUrl }, { type: 'conversationUpdate', membersAdded: [] });
  const reference = async (user: string) =>
    (await app.db.query<{ conversation_id: string; service_url: string }>('select conversation_id, service_url from conversation_refs where user_id = $1', [user])).rows;

  beforeAll(async () => {
    app = await startTestApp({ ALLOWED_TENANT_IDS: TENANT });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves a Teams activity that carries the Entra object id (and stores the person and the reference)', async () => {
    const before = await counts();
    expect((await app.post(quiet('teams-user'))).status).toBe(200);
    expect(await counts()).toEqual({ users: (before?.users ?? 0) + 1, refs: (before?.refs ?? 0) + 1 });
  });

  for (const channelId of ['directline', 'webchat', 'emulator', 'slack', undefined]) {
    it(`refuses channelId ${String(channelId)} with 403 and stores nothing`, async () => {
      const before = await counts();
      const activity = { ...messageActivity(who(`via-${String(channelId)}`), 'help'), channelId };
      expect(await app.post(activity)).toEqual({ status: 403, body: { error: 'channel not allowed' } });
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses an activity whose sender has no aadObjectId (403), whatever its Teams id says', async () => {
    const before = await counts();
    const activity = { ...messageActivity(who('no-aad'), 'help'), from: { id: 'no-aad', name: 'No AAD' } };
    expect(await app.post(activity)).toEqual({ status: 403, body: { error: 'sender not identified' } });
    const update = { ...teamsActivity(who('no-aad-2'), { type: 'conversationUpdate', membersAdded: [{ id: '28:anshin-bot' }] }), from: { id: '29:no-aad-2' } };
    expect((await app.post(update)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("another sender cannot overwrite a person's conversation reference by naming them as its Teams id", async () => {
    expect((await app.post(quiet('victim'))).status).toBe(200);
    const stored = await reference('victim');
    expect(stored).toHaveLength(1);
    const hijack = {
      ...quiet('victim', 'http://evil.example/connector/'),
      from: { id: 'victim', name: 'Victim' },
      conversation: { id: 'a:conv-attacker', conversationType: 'personal', tenantId: TENANT },
    };
    expect((await app.post(hijack)).status).toBe(403);
    expect(await reference('victim')).toEqual(stored);
  });
});
