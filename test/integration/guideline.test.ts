// Ask the guideline (issue 23) through the real app on both stores: a message that is not a command is
// answered with the guideline's own words and references (ja, and en with the rule table's English), a
// question outside it gets "not in the guideline" with its sections; 👍/👎 count once per answer; only
// anonymous statistics and capped question texts without the asker are stored, purged after the
// retention; admins get them in a weekly digest; a new file version is audited once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { VERBS } from '../../src/cards/verbs';
import { createGuidelineFeature } from '../../src/features/guideline';
import { createLogger } from '../../src/log/logger';
import { cardText, executeActivity, findElements, messageActivity, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople } from '../support/people';
import { createRoles } from '../../src/store/roles';

const TENANT = 'tenant-guideline';

describe.each(storeKinds())('ask the guideline on %s', (kind: StoreKind) => {
  // Wednesday: the weekly digest of this week goes next Monday at 09:00.
  const clock = new FakeClock('2026-12-02T10:00:00+09:00');
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  const who = (user: string, locale = 'ja-JP') => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale, name: `Secret Name ${user}` });
  /** Asks in chat; the answer card as the person receives it. */
  const ask = async (user: string, text: string, locale = 'ja-JP') => {
    const before = cloud.state.cardsFor(user).length;
    const started = performance.now();
    await app.post(messageActivity(who(user, locale), text));
    const card = await cloud.state.waitForActivity((d) => d.conversationId === `a:conv-${user}` && cloud.state.cardsFor(user).indexOf(d) >= before);
    return { card: card.activity, ms: performance.now() - started };
  };
  const feedbackData = (card: unknown, helpful: 'true' | 'false') =>
    findElements(card, (e) => e.type === 'Action.Execute' && e.verb === VERBS.guidelineFeedback && (e.data as { helpful?: string }).helpful === helpful)[0]?.data as Record<string, string>;
  const stats = async () => (await app.db.query<{ answered: number; unanswered: number; helpful: number; unhelpful: number }>('select answered, unanswered, helpful, unhelpful from guideline_stats where tenant_id = $1', [TENANT])).rows[0];
  const stored = async () => (await app.db.query<Record<string, unknown>>('select * from guideline_questions where tenant_id = $1 order by id', [TENANT])).rows;

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', GUIDELINE_QUESTION_RETENTION_DAYS: '90' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'g-ja', name: '山田 太郎', department: 'Ops', locale: 'ja' as const },
        { id: 'g-en', name: 'Jane Doe', department: 'Ops', locale: 'en' as const },
        { id: 'g-admin', name: '管理 者', department: 'HR', locale: 'ja' as const, isAdmin: true },
      ],
    });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  it('answers a Japanese question with the passage word for word, its reference and heading', async () => {
    const { card } = await ask('g-ja', 'カフェで仕事してもいいですか？');
    const text = cardText(card);
    expect(text).toContain('ガイドラインの該当箇所');
    expect(text).toContain('[1] G 1.1 テレワークを行う上で実施すべき事・守るべき事の理由');
    expect(text).toContain('在宅勤務中は、自宅以外の場所での業務を禁止する');
    expect(text).not.toContain('While working from home');
    expect(feedbackData(card, 'true')).toMatchObject({ question: 'カフェで仕事してもいいですか？' });
    expect(await stored()).toEqual([]);
  });

  it('answers an English question with the Japanese original and the rule table\'s English', async () => {
    const { card } = await ask('g-en', '<p>Can I work from a café?</p>', 'en-US');
    const text = cardText(card);
    expect(text).toContain('What the guideline says');
    expect(text).toContain('在宅勤務中は、自宅以外の場所での業務を禁止する');
    expect(text).toContain('While working from home, working anywhere other than your home is prohibited.');
  });

  it('says a question outside the guideline is not in it, lists its sections, and keeps the question without the asker', async () => {
    const { card } = await ask('g-ja', '有給休暇の申請方法を教えて');
    const text = cardText(card);
    expect(text).toContain('ガイドラインには見つかりませんでした');
    expect(text).toContain('G 3 テレワーク場所（自宅）のネットワーク');
    expect(text).toContain('G 目的');
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'unanswered', question: '有給休暇の申請方法を教えて', guideline_version: '2025-02' });
    expect(JSON.stringify(rows)).not.toMatch(/g-ja|山田|Secret Name/);
    expect(await stats()).toMatchObject({ answered: 2, unanswered: 1 });
  });

  it('still answers commands and help; help says you can ask', async () => {
    const { card } = await ask('g-ja', 'ヘルプ');
    expect(cardText(card)).toContain('コマンド以外のメッセージは質問として受け取り');
  });

  it('counts one vote per answer; a 👎 keeps the question (without the asker) and its top section for the admins', async () => {
    const { card } = await ask('g-ja', '資料を家で印刷してもいい？');
    const down = feedbackData(card, 'false');
    const res = await app.post(executeActivity(who('g-ja'), VERBS.guidelineFeedback, down));
    expect(cardText((res.body as { value: unknown }).value)).toContain('氏名なしで管理者に伝え');
    expect(findElements((res.body as { value: unknown }).value, (e) => e.verb === VERBS.guidelineFeedback)).toEqual([]);
    await app.post(executeActivity(who('g-ja'), VERBS.guidelineFeedback, down));
    await app.post(executeActivity(who('g-ja'), VERBS.guidelineFeedback, { ...down, helpful: 'true' }));
    const rows = (await stored()).filter((r) => r.outcome === 'unhelpful');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.question).toBe('資料を家で印刷してもいい？');
    expect(rows[0]?.top_citation).toMatch(/^G /);
    expect(await stats()).toMatchObject({ unhelpful: 1, helpful: 0 });
  });

  it('answers hostile input at once: 100 KB of mixed scripts, only punctuation; nothing but capped, anonymous rows', async () => {
    const before = (await stored()).length;
    const big = `在宅勤務の相談です ${'aé漢字ｶﾅ😀<b>&amp;()[]'.repeat(8000)}`;
    expect(big.length).toBeGreaterThan(100_000);
    const huge = await ask('g-ja', big);
    expect(huge.ms).toBeLessThan(2000);
    const punctuation = await ask('g-ja', '？！。、…「」・'.repeat(2000));
    expect(punctuation.ms).toBeLessThan(2000);
    expect(cardText(punctuation.card)).toContain('ガイドラインには見つかりませんでした');
    const rows = await stored();
    // The blob is kept capped (it has words); punctuation alone is only counted.
    expect(rows.length - before).toBeLessThanOrEqual(1);
    for (const row of rows) expect(String(row.question).length).toBeLessThanOrEqual(400);
    const audit = await app.db.query<{ data: unknown }>('select data from audit_log');
    expect(JSON.stringify(audit.rows)).not.toContain('在宅勤務の相談');
  });

  it('records each version of the guideline file once in the audit log, however often the app starts', async () => {
    const loaded = async () => (await app.db.query<{ data: { guidelineVersion: string; passages: number; contentHash: string } }>("select data from audit_log where kind = 'guideline.loaded' order by seq")).rows;
    const again = await startTestApp({}, { db: store.db, clock });
    await again.stop();
    expect(await loaded()).toHaveLength(1);
    expect((await loaded())[0]?.data).toMatchObject({ guidelineVersion: '2025-02' });
    expect((await loaded())[0]?.data.passages).toBeGreaterThan(40);

    // The company edits its file: the next start indexes the new text and records it once.
    const dir = mkdtempSync(path.join(tmpdir(), 'anshin-guideline-'));
    const file = path.join(dir, 'guideline.ja.md');
    writeFileSync(file, `${readFileSync('docs/guideline/guideline.ja.md', 'utf8')}\n## 4. 自転車通勤\n\n自転車で通勤する場合は事前に届け出る事\n`);
    for (let i = 0; i < 2; i++) {
      const edited = await startTestApp({ GUIDELINE_FILE: file, GUIDELINE_VERSION: '2026-12' }, { db: store.db, clock });
      await edited.stop();
    }
    const rows = await loaded();
    expect(rows.map((r) => r.data.guidelineVersion)).toEqual(['2025-02', '2026-12']);
    expect(rows[1]?.data.contentHash).not.toBe(rows[0]?.data.contentHash);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without its guideline file, naming it', async () => {
    await expect(startTestApp({ GUIDELINE_FILE: '/nonexistent/guideline.md' }, { db: store.db, clock })).rejects.toThrow(/nonexistent\/guideline\.md/);
  });

  it('sends admins a weekly digest of unanswered and 👎 questions without names, once per week; purges after the retention', async () => {
    const feature = () =>
      createGuidelineFeature({ db: app.db, clock, outbox: app.outbox, queue: app.queue, audit: createAuditLog({ clock }), logger: createLogger('silent'), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) }, {
        settings: { file: 'docs/guideline/guideline.ja.md', synonymsFile: 'docs/guideline/synonyms.json', version: '2025-02', retentionDays: 90, timeZone: 'Asia/Tokyo' },
      });
    const guideline = feature();
    expect(await guideline.sendDigest()).toBe(0); // last week had no questions
    clock.set('2026-12-07T08:59:00+09:00');
    expect(await guideline.sendDigest()).toBe(0); // Monday, before 09:00
    clock.set('2026-12-07T09:00:00+09:00');
    expect(await guideline.sendDigest()).toBe(1);
    expect(await guideline.sendDigest()).toBe(0);
    const digest = await cloud.state.waitForActivity((d) => d.conversationId === 'a:conv-g-admin' && cardText(d.activity).includes('ガイドラインへの質問（週次）'));
    const text = cardText(digest.activity);
    expect(text).toContain('有給休暇の申請方法を教えて');
    expect(text).toContain('資料を家で印刷してもいい？');
    expect(text).toContain('見つからなかった');
    expect(text).not.toMatch(/山田|Secret Name|g-ja/);

    clock.set('2027-03-10T10:00:00+09:00');
    expect(await guideline.purge()).toBeGreaterThan(0);
    expect(await stored()).toEqual([]);
    expect(await stats()).toBeUndefined();
  });
});
