// The admin's live tally tells what the delivery engine knows as soon as it knows it: a failed send
// shows without anyone answering. The final report tells apart people the card never reached from
// people who got it and did not answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, messageActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople, type Person } from '../support/people';

const TENANT = 'tenant-honest';
const clock = new FakeClock('2026-11-24T01:00:00Z');
const people: Person[] = [
  { id: 'admin-1', name: '佐藤 管理', department: 'HR', isAdmin: true },
  { id: 'admin-2', name: '高橋 管理', department: 'HR', isAdmin: true },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `emp-${i + 1}`, name: `社員 ${i + 1}`, department: 'Ops' })),
];

describe('honest round status through the local connector', () => {
  let cloud: FakeCloud;
  let app: TestApp;
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  /** The newest text of admin-2's tally message (sent, then updated in place). */
  const admin2Tally = () => {
    const mine = cloud.state.delivered.filter((d) => d.userId === 'admin-2' && cardText(d.activity).includes(VERBS.roundRefresh));
    return cardText(mine.at(-1)?.activity);
  };

  beforeAll(async () => {
    cloud = await startFakeCloud({});
    app = await startTestApp({ ROUND_TALLY_INTERVAL_SECONDS: '1' }, { clock });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it('a failed send changes the tally without any answer, and the final report splits not delivered from no answer', async () => {
    // Two people blocked the bot: their safety cards fail for good.
    cloud.faults.forbiddenUsers.add('emp-5');
    cloud.faults.forbiddenUsers.add('emp-6');
    await app.post(messageActivity(who('admin-1'), '安否確認'));
    const form = { kind: 'earthquake', scope: 'departments', departments: 'Ops', drill: 'true' };
    await app.post(executeActivity(who('admin-1'), VERBS.roundStart, form));
    await settle();
    const roundId = (await app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';

    // Nobody answered; the outcomes alone mark the tally for the next tick.
    await waitUntil(async () => (await app.db.query<{ dirty: boolean }>('select tally_dirty as dirty from safety_rounds')).rows[0]?.dirty === true, 2000, 20);
    clock.advance({ seconds: 2 });
    await app.rounds.tick();
    await settle();
    const tally = admin2Tally();
    expect(tally).toMatch(/"title":"送信済み","value":"4"/);
    expect(tally).toMatch(/"title":"送信失敗","value":"2"/);
    expect(tally).toMatch(/"title":"送信中","value":"0"/);

    // 安否: a person whose card scrolled away gets their card of the open round again; help offers it.
    const say = async (user: string, text: string) => {
      const before = cloud.state.cardsFor(user).length;
      await app.post(messageActivity(who(user), text));
      return cardText(cloud.state.cardsFor(user).slice(before).map((d) => d.activity));
    };
    expect(await say('emp-2', '安否')).toContain(VERBS.safetyAnswer);
    const help = await say('emp-2', 'ヘルプ');
    expect(help).toContain('🆘 自分の安否確認');
    expect(help).not.toContain('安否確認を開始'); // not an admin
    expect(await say('admin-1', 'ヘルプ')).toContain('安否確認を開始');

    // emp-1 answers; closing (after confirming) sends the final report.
    await app.post(executeActivity(who('emp-1'), VERBS.safetyAnswer, {
      roundId, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '',
    }));
    // admin-2 asks to close from their tally: the live update that follows keeps the question there.
    await app.post(executeActivity(who('admin-2'), VERBS.roundClose, { roundId }));
    await waitUntil(async () => (await app.db.query<{ dirty: boolean }>('select tally_dirty as dirty from safety_rounds')).rows[0]?.dirty === true, 2000, 20);
    clock.advance({ seconds: 2 });
    await app.rounds.tick();
    await settle();
    expect(admin2Tally()).toContain('この安否確認を終了しますか？');
    await app.post(executeActivity(who('admin-1'), VERBS.roundClose, { roundId }));
    await app.post(executeActivity(who('admin-1'), VERBS.roundCloseConfirmed, { roundId }));
    await settle();
    const report = cardText(cloud.state.delivered.filter((d) => d.userId === 'admin-2' && cardText(d.activity).includes('最終報告')).at(-1)?.activity);
    expect(report).toMatch(/"title":"カードが届いていない（別の手段で連絡が必要）","value":"2"/);
    expect(report).toMatch(/"title":"カードは届いたが未回答","value":"3"/);
    // Those never reached are listed first, marked 未達.
    expect(report.indexOf('社員 5')).toBeLessThan(report.indexOf('社員 2'));
    expect(report).toContain('未達');
    expect(await say('emp-2', '安否')).toContain('今、あなたが回答する安否確認は行われていません。');
  });
});
