// A person whose safety card could not reach them (the app was not installed and could not be, e.g.
// no Graph permission) opens the bot during the round: the card goes at once, exactly once. Once the
// round is closed, opening the bot brings nothing back. Through the real app and the local connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { usersRepo } from '../../src/store/users';
import { cardText, executeActivity, messageActivity, startTestApp, teamsActivity, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-first-contact';

describe('first contact during a round', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  let roundId = '';

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: [{ id: 'admin', name: 'Admin', department: 'HR', isAdmin: true }] });
    // Known from the directory, never opened the bot: no conversation, the app not installed.
    for (const id of ['late', 'later']) {
      await usersRepo.upsert(app.db, { id, tenantId: TENANT, teamsUserId: `29:${id}`, name: id, locale: 'ja', timeZone: 'Asia/Tokyo', department: 'Ops', isAdmin: false, privatePcApproved: false });
      cloud.state.addUser({ aadObjectId: id, tenantId: TENANT, name: id, installed: false });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const safetyCards = (user: string) => cloud.state.cardsFor(user).filter((r) => r.kind !== 'update' && cardText(r.activity).includes(VERBS.safetyAnswer));
  const failures = async () =>
    (await app.db.query<{ recipient_id: string; failure_reason: string }>("select recipient_id, failure_reason from deliveries where status = 'failed' order by recipient_id")).rows;
  /** The person installs the app and Teams tells the bot (conversationUpdate, bot added). */
  const install = async (user: string) => {
    cloud.state.installed.add(user);
    cloud.state.registerConversation(`a:conv-${user}`, { conversation: { tenantId: TENANT }, recipient: { aadObjectId: user, id: `29:${user}` } });
    const res = await app.post(teamsActivity(who(user), { type: 'conversationUpdate', membersAdded: [{ id: '28:anshin-bot' }] }));
    expect(res.status).toBe(200);
  };

  it('the cards of people without the app fail as not installed', async () => {
    await app.post(messageActivity(who('admin'), '安否確認'));
    const form = await cloud.state.waitForActivity((d) => d.userId === 'admin' && cardText(d.activity).includes(VERBS.roundPreview));
    const res = await app.post(executeActivity(who('admin'), VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true' }, form.activityId));
    expect(res.status).toBe(200);
    roundId = String((await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id);
    await settle();
    expect(safetyCards('admin')).toHaveLength(1);
    expect(await failures()).toEqual([
      { recipient_id: 'late', failure_reason: 'not_installed' },
      { recipient_id: 'later', failure_reason: 'not_installed' },
    ]);
  });

  it('opening the bot during the round brings the card at once, and only once', async () => {
    await install('late');
    // Without this the card would never come (it failed for good); it goes at the next claim.
    await waitUntil(async () => safetyCards('late').length === 1, 10_000, 20);
    // Teams sends the event again (another device, a reinstall): nothing more.
    await install('late');
    await app.post(messageActivity(who('late'), 'help'));
    await settle();
    expect(safetyCards('late')).toHaveLength(1);
    expect(await failures()).toEqual([{ recipient_id: 'later', failure_reason: 'not_installed' }]);
  });

  it('after the round is closed, opening the bot brings back nothing of it', async () => {
    const res = await app.post(executeActivity(who('admin'), VERBS.roundCloseConfirmed, { roundId }));
    expect(res.status).toBe(200);
    await install('later');
    await settle();
    expect(cloud.state.cardsFor('later').length).toBeGreaterThan(0); // the welcome card
    expect(safetyCards('later')).toHaveLength(0);
  });
});
