import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import type { RoundForm } from '../../src/domain/safety/model';
import { usersRepo } from '../../src/store/users';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople, type Person } from '../support/people';

// Issue 22, scope 1: a round by prefecture reaches a person where they said they work today.
const TENANT = 'tenant-reach';
const DATE = '2026-11-24';
const people: Person[] = [
  { id: 'admin-r', name: 'Admin', department: 'HR', isAdmin: true, officePrefecture: '13' },
  { id: 'traveller', name: '旅 太郎', department: 'Sales', homePrefecture: '13', officePrefecture: '14' },
  { id: 'osaka-1', name: '大阪 一郎', department: 'Osaka', officePrefecture: '27' },
];
const start = {
  date: DATE, startTime: '09:05', place: 'other', todayPrefecture: '27', connection: 'mobile', device: 'company_pc', screenPrivate: 'true',
  notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4', comment: '',
};
const byPrefecture = (code: string): RoundForm => ({ kind: 'earthquake', scope: 'prefectures', prefectures: [code], departments: [], people: [], drill: true, message: undefined });

describe.each(storeKinds())("rounds by prefecture reach today's location on %s", (kind: StoreKind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  // Tuesday 2026-11-24 10:30 in Tokyo.
  const clock = new FakeClock('2026-11-24T01:30:00Z');
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const recipients = async (roundId: string) =>
    (await app.db.query<{ user_id: string; reached_via: string | null; via_prefecture: string | null }>(
      'select user_id, reached_via, via_prefecture from round_recipients where round_id = $1 order by user_id', [roundId])).rows;
  const startRound = async (code: string) => (await app.rounds.start({ tenantId: TENANT, source: 'admin', form: byPrefecture(code) })).round.id;

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { clock, db: store.db });
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await cloud?.stop();
  });

  it('the start card asks where the person is today and remembers it as a suggestion', async () => {
    const res = await app.post(executeActivity(who('traveller'), VERBS.startSubmit, start));
    expect(res.status).toBe(200);
    expect(cardText((res.body as { value: unknown }).value)).toContain('大阪府');
    const stored = await app.db.query<{ today_prefecture: string }>('select today_prefecture from users where id = $1', ['traveller']);
    expect(stored.rows[0]?.today_prefecture).toBe('27');
  });

  it('the preview counts the person for 大阪 and says one was added by today\'s location', async () => {
    const admin = await usersRepo.get(app.db, 'admin-r');
    const card = await app.rounds.preview(admin!, byPrefecture('27'));
    const text = cardText(card);
    expect(text).toContain('2人に送信します');
    expect(text).toContain('うち1人は、今日の出勤チェックイン');
  });

  it('a round for 27 reaches the traveller (home 13, office 14) by today, one for 13 by home', async () => {
    const osaka = await startRound('27');
    expect(await recipients(osaka)).toEqual([
      { user_id: 'osaka-1', reached_via: 'office', via_prefecture: '27' },
      { user_id: 'traveller', reached_via: 'today', via_prefecture: '27' },
    ]);
    const tokyo = await startRound('13');
    expect(await recipients(tokyo)).toEqual([
      { user_id: 'admin-r', reached_via: 'office', via_prefecture: '13' },
      { user_id: 'traveller', reached_via: 'home', via_prefecture: '13' },
    ]);
    const csv = (await app.exports.roundCsv(osaka)) ?? '';
    expect(csv.split('\r\n')[0]).toContain('reached_via,via_prefecture,answered_via');
    expect(csv).toContain(`"traveller","旅 太郎","Sales"`);
    expect(csv).toMatch(/"traveller",.*"today","27",""\r\n/);
  });

  it('after LOCATION_FRESH_HOURS (24) today\'s prefecture no longer counts', async () => {
    clock.advance(25 * 3_600_000);
    const later = await startRound('27');
    expect((await recipients(later)).map((r) => r.user_id)).toEqual(['osaka-1']);
  });

  it('a start check-in corrected to home the same day: today\'s prefecture no longer counts, it stays as the suggestion', async () => {
    // Wednesday 2026-11-25 in Tokyo (the clock moved 25 h above): on a trip again, then corrected to home.
    const day = { ...start, date: '2026-11-25' };
    await app.post(executeActivity(who('traveller'), VERBS.startSubmit, day));
    expect((await recipients(await startRound('27'))).map((r) => r.user_id)).toEqual(['osaka-1', 'traveller']);
    await app.post(executeActivity(who('traveller'), VERBS.startSubmit, { ...day, place: 'home', todayPrefecture: '' }));
    expect((await recipients(await startRound('27'))).map((r) => r.user_id)).toEqual(['osaka-1']);
    const stored = await app.db.query<{ today_prefecture: string; today_prefecture_at: Date | null }>('select today_prefecture, today_prefecture_at from users where id = $1', ['traveller']);
    expect(stored.rows[0]).toEqual({ today_prefecture: '27', today_prefecture_at: null });
  });
});
