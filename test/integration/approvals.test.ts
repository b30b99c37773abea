// Private-PC and paper take-out requests (issue 9 item 4, G 1.3 / G 1.6) through the real app on a
// fake clock: card actions over /api/messages, cards received by the local Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/log';
import { renderCommonCard } from '../../src/cards/render';
import { VERBS } from '../../src/cards/verbs';
import { deliveryKey, PURPOSES } from '../../src/delivery/outbox';
import { pendingCount } from '../../src/delivery/status';
import { createApprovalsCore, createApprovalsFeature } from '../../src/features/approvals';
import { createLogger } from '../../src/log/logger';
import { pendingApprovalsSection } from '../../src/features/approvals/digest';
import { cardText, executeActivity, findElements, startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type DeliveredRecord, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';
import { createRoles } from '../../src/store/roles';

const TENANT = 'tenant-approvals';
const PC_OK = { declNonPublicLine: 'true', declUpdates: 'true', declBrowserOnly: 'true', reason: '貸与PCが故障したため', until: '2027-03-31' };
const decideVerbs = (rec: DeliveredRecord | undefined) => findElements(rec?.activity, (e) => e.type === 'Action.Execute' && e.verb === VERBS.approvalDecide);
const requestIdOf = (rec: DeliveredRecord | undefined) => String((decideVerbs(rec)[0]?.data as { requestId?: unknown } | undefined)?.requestId);

describe.each(storeKinds())('approvals on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let app: TestApp;
  const clock = new FakeClock('2026-12-01T09:00:00+09:00');

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', ADMIN_USER_IDS: 'admin2' }, { db: store.db, clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT,
      connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'emp', name: '田中 次郎', department: '開発部', managerId: 'mgr' },
        { id: 'emp2', name: 'Emily Clark', department: 'Dev', managerId: 'mgr', locale: 'en' },
        { id: 'mgr', name: '鈴木 一郎', department: '開発部' },
        { id: 'colleague', name: '高橋 美咲', department: '開発部', managerId: 'mgr' },
        { id: 'admin', name: '佐藤 花子', department: '人事部', isAdmin: true },
        { id: 'admin2', name: 'Admin Two', department: 'HR' },
        { id: 'solo', name: '伊藤 健', department: '役員' },
      ],
    });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
    await store?.close();
  });

  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: user === 'emp2' ? 'en-US' : 'ja-JP' });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const invoke = async (user: string, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const res = await app.post(executeActivity(who(user), verb, data, replyToId));
    expect(res.status).toBe(200);
    return cardText((res.body as { value: unknown }).value);
  };
  /** A card the bot sent the person (so answering it can update it in place): returns its activity id. */
  const sentCard = async (user: string, subject: string) => {
    const card = renderCommonCard('notice', { title: 'form', text: subject }, 'ja');
    await app.db.transaction((tx) =>
      app.outbox.enqueue(tx, {
        key: deliveryKey(PURPOSES.broadcast, user, subject), tenantId: TENANT, batchId: subject, purpose: PURPOSES.broadcast, recipientId: user,
        activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] },
      }),
    );
    app.outbox.notify();
    await settle();
    const rec = cloud.state.cardsFor(user).find((r) => cardText(r.activity).includes(subject));
    return String(rec?.activityId);
  };
  /** Latest version of each message in the person's chat that carries a request card. */
  const requestCards = (user: string) => cloud.state.messagesForUser(user).filter((r) => cardText(r.activity).includes('💻') || cardText(r.activity).includes('📄'));
  const requests = async (user: string) =>
    (await app.db.query<{ id: string; kind: string; state: string; approver_ids: string[] }>('select id, kind, state, approver_ids from approval_requests where requester_id = $1 order by created_at', [user])).rows;

  it('the form refuses missing declarations and reason, in the user’s language, storing nothing', async () => {
    expect(await invoke('emp', VERBS.privatePcRequestOpen, {})).toContain(VERBS.privatePcRequestSubmit);
    const ja = await invoke('emp', VERBS.privatePcRequestSubmit, { ...PC_OK, declBrowserOnly: 'false', reason: ' ' });
    expect(ja).toContain('3 つの宣言すべてにチェックしてください');
    expect(ja).toContain('申請理由を入力してください');
    const en = await invoke('emp2', VERBS.privatePcRequestSubmit, { declNonPublicLine: 'true' });
    expect(en).toContain('Please tick all three declarations');
    // The period: what was asked, at most PRIVATE_PC_APPROVAL_MONTHS (6) ahead; the message says which days.
    const tooLong = await invoke('emp', VERBS.privatePcRequestSubmit, { ...PC_OK, until: '2027-06-02' });
    expect(tooLong).toContain('利用期間の最終日を 2026年12月1日（火） から 2027年6月1日（火） の間で選んでください');
    expect(await invoke('emp', VERBS.paperRequestSubmit, { documents: '設計書', customer: 'A社', until: '2026-11-30', customerConsent: 'true', noCopies: 'false' })).toContain(
      '顧客の許可と、複製・第三者閲覧をしないことの両方にチェックしてください',
    );
    expect(await requests('emp')).toEqual([]);
  });

  it('a private-PC request sends the manager an approval card; the requester sees it pending', async () => {
    const formId = await sentCard('emp', 'pc-form');
    const mine = await invoke('emp', VERBS.privatePcRequestSubmit, PC_OK, formId);
    expect(mine).toContain('承認待ち');
    expect(mine).not.toContain(VERBS.approvalDecide);
    await settle();
    const [r] = await requests('emp');
    expect(r).toMatchObject({ kind: 'private_pc', state: 'pending' });
    expect([...(r?.approver_ids ?? [])].sort()).toEqual(['admin', 'admin2', 'mgr']);
    const card = requestCards('mgr')[0];
    expect(decideVerbs(card)).toHaveLength(2);
    expect(cardText(card?.activity)).toContain('田中 次郎');
    expect(cardText(card?.activity)).toContain('公衆等フリーの回線ではないインターネット回線');
    expect(requestCards('admin')).toHaveLength(0); // the manager decides; admins may, but get no card
    // Submitting the same card again opens nothing new.
    await invoke('emp', VERBS.privatePcRequestSubmit, PC_OK, formId);
    expect(await requests('emp')).toHaveLength(1);
  });

  it('someone who is not the manager or an admin is refused, and nothing changes', async () => {
    const id = requestIdOf(requestCards('mgr')[0]);
    for (const user of ['colleague', 'emp']) {
      const refused = await invoke(user, VERBS.approvalDecide, { requestId: id, decision: 'approve', comment: '' });
      expect(refused).toContain('申請者の上長または管理者だけです');
    }
    const votes = await app.db.query('select * from approval_votes where request_id = $1', [id]);
    expect(votes.rows).toEqual([]);
    expect((await requests('emp'))[0]?.state).toBe('pending');
    expect(await invoke('mgr', VERBS.approvalDecide, { requestId: 'no-such-id', decision: 'approve' })).toContain('申請が見つかりません');
  });

  it('the manager approves: every card is updated in place, the requester is told, the approval counts', async () => {
    const before = requestCards('mgr')[0];
    const id = requestIdOf(before);
    expect(await invoke('mgr', VERBS.approvalDecide, { requestId: id, decision: 'reject', comment: '' })).toContain('却下する場合は、コメントに理由を入力してください');
    const answer = await invoke('mgr', VERBS.approvalDecide, { requestId: id, decision: 'approve', comment: '修理完了まで' }, before?.activityId);
    expect(answer).toContain('承認されました（鈴木 一郎');
    expect(answer).not.toContain(VERBS.approvalDecide);
    await settle();
    const after = requestCards('mgr');
    expect(after).toHaveLength(1); // the same message, updated
    expect(after[0]?.activityId).toBe(before?.activityId);
    expect(decideVerbs(after[0])).toHaveLength(0);
    expect(cardText(after[0]?.activity)).toContain('修理完了まで');
    const emp = requestCards('emp');
    expect(emp).toHaveLength(2); // the submitted form, now the approved request, and the notification
    for (const rec of emp) expect(cardText(rec.activity)).toContain('承認されました');
    expect(emp.some((rec) => rec.activity.text === '申請が承認されました: 💻 私用PC利用申請')).toBe(true);
    // An admin pressing later: already decided, nothing changes.
    expect(await invoke('admin', VERBS.approvalDecide, { requestId: id, decision: 'reject', comment: 'no' })).toContain('承認されました');
    expect((await requests('emp'))[0]?.state).toBe('approved');
    const core = createApprovalsCore({ db: app.db, clock, audit: createAuditLog({ clock }) });
    expect((await core.activeFor('emp', 'private_pc', clock.now()))?.id).toBe(id);
    const audit = await app.db.query<{ kind: string; actor_id: string }>('select kind, actor_id from audit_log where subject_id = $1 order by seq', [id]);
    expect(audit.rows).toEqual([{ kind: 'approval.requested', actor_id: 'emp' }, { kind: 'approval.decided', actor_id: 'mgr' }]);
    // It lasts what was asked (through 2027-03-31 JST, within PRIVATE_PC_APPROVAL_MONTHS=6), not six months regardless.
    expect(await core.activeFor('emp', 'private_pc', new Date('2027-03-31T23:59:00+09:00'))).toBeDefined();
    expect(await core.activeFor('emp', 'private_pc', new Date('2027-04-01T00:00:00+09:00'))).toBeUndefined();
  });


  it('the approved request removes the private-PC violation from the next check-in; without one it is a violation with a button to the request', async () => {
    const START = { date: '2026-12-01', startTime: '09:10', place: 'home', connection: 'wired', device: 'private_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4', comment: '' };
    const violations = async (user: string) =>
      (await app.db.query<{ kind: string }>("select kind from violations where user_id = $1 and work_date = '2026-12-01'", [user])).rows.map((r) => r.kind);
    const approved = await invoke('emp', VERBS.startSubmit, START);
    expect(approved).not.toContain('G 1.3');
    expect(approved).not.toContain(VERBS.privatePcRequestOpen);
    expect(await violations('emp')).not.toContain('private_pc_unapproved');
    const unapproved = await invoke('colleague', VERBS.startSubmit, START);
    expect(unapproved).toContain('G 1.3');
    expect(unapproved).toContain(VERBS.privatePcRequestOpen);
    expect(await violations('colleague')).toContain('private_pc_unapproved');
  });
  it('without a manager the admins get the card; a rejection tells the requester', async () => {
    await invoke('solo', VERBS.paperRequestSubmit, { documents: '契約書 1部', customer: 'A社 山田様', until: '2026-12-03', customerConsent: 'true', noCopies: 'true', reason: '' });
    await settle();
    expect(requestCards('admin')).toHaveLength(1);
    expect(requestCards('admin2')).toHaveLength(1);
    const id = requestIdOf(requestCards('admin')[0]);
    await invoke('admin2', VERBS.approvalDecide, { requestId: id, decision: 'reject', comment: '電子版を使ってください' });
    await settle();
    for (const admin of ['admin', 'admin2']) {
      expect(decideVerbs(requestCards(admin)[0])).toHaveLength(0);
      expect(cardText(requestCards(admin)[0]?.activity)).toContain('却下されました（Admin Two');
    }
    const told = requestCards('solo');
    expect(told).toHaveLength(1);
    expect(cardText(told[0]?.activity)).toContain('電子版を使ってください');
  });

  it('a paper approval ends with its "until" day; a pending request past it can no longer be decided', async () => {
    await invoke('emp2', VERBS.paperRequestSubmit, { documents: 'Printed spec', customer: 'ACME, Ms. Lee', until: '2026-12-02', customerConsent: 'true', noCopies: 'true' });
    await invoke('emp', VERBS.paperRequestSubmit, { documents: '設計書', customer: 'B社', until: '2026-12-02', customerConsent: 'true', noCopies: 'true' });
    await settle();
    // The two cards may reach the manager in either order: find each by its content.
    const cardFor = (documents: string) => requestCards('mgr').find((r) => cardText(r.activity).includes(documents));
    expect(cardText(cardFor('Printed spec')?.activity)).toContain('Emily Clark');
    const late = requestIdOf(cardFor('Printed spec'));
    const valid = requestIdOf(cardFor('設計書'));
    expect(late).not.toBe(valid);
    // The incident digest lists what waits for a decision, for the manager's people only.
    const section = await pendingApprovalsSection(app.db, clock).section({ tenantId: TENANT, userIds: ['emp', 'emp2', 'colleague'], timeZone: 'Asia/Tokyo' });
    expect(section?.rows.map((r) => r.userId).sort()).toEqual(['emp', 'emp2']);
    expect(section?.total).toBe(2); // what the card counts when it lists fewer rows
    expect(section?.rows[0]?.text.ja).toContain('📄 紙資料の持ち出し申請');
    expect(await pendingApprovalsSection(app.db, clock).section({ tenantId: TENANT, userIds: ['solo'], timeZone: 'Asia/Tokyo' })).toBeUndefined();
    await invoke('mgr', VERBS.approvalDecide, { requestId: valid, decision: 'approve' });
    const core = createApprovalsCore({ db: app.db, clock, audit: createAuditLog({ clock }) });
    expect((await core.activeFor('emp', 'paper_takeout', new Date('2026-12-02T23:59:00+09:00')))?.id).toBe(valid);
    expect(await core.activeFor('emp', 'paper_takeout', new Date('2026-12-03T00:00:00+09:00'))).toBeUndefined();
    clock.set('2026-12-03T08:00:00+09:00');
    expect(await invoke('mgr', VERBS.approvalDecide, { requestId: late, decision: 'approve' })).toContain('期限切れです');
    expect((await requests('emp2')).map((r) => r.state)).toEqual(['expired']);
    await settle();
    expect(cardText(requestCards('mgr').find((r) => cardText(r.activity).includes('Printed spec'))?.activity)).toContain('期限切れです');
  });

  it('the expiry sweep closes a request nobody decided in time and updates its cards in place', async () => {
    await invoke('colleague', VERBS.paperRequestSubmit, { documents: '議事録', customer: 'C社', until: '2026-12-03', customerConsent: 'true', noCopies: 'true' });
    await settle();
    const card = () => requestCards('mgr').find((r) => cardText(r.activity).includes('議事録'));
    expect(decideVerbs(card())).toHaveLength(2);
    const feature = createApprovalsFeature({ db: app.db, clock, outbox: app.outbox, queue: app.queue, audit: createAuditLog({ clock }), logger: createLogger('silent'), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [] }) }, { settings: { privatePcMonths: 6 } });
    expect(await feature.expireDue()).toBe(0);
    clock.set('2026-12-04T00:00:00+09:00');
    expect(await feature.expireDue()).toBe(1);
    expect(await feature.expireDue()).toBe(0);
    await settle();
    expect(decideVerbs(card())).toHaveLength(0);
    expect(cardText(card()?.activity)).toContain('期限切れです');
    expect((await requests('colleague')).map((r) => r.state)).toEqual(['expired']);
  });

  it('the approver sees the period asked and may shorten it, never lengthen it; the approval lasts what was approved', async () => {
    await invoke('colleague', VERBS.privatePcRequestSubmit, { ...PC_OK, until: '2027-04-30' });
    await settle();
    const card = requestCards('mgr').find((r) => cardText(r.activity).includes('2027年4月30日'));
    const period = findElements(card?.activity, (e) => e.id === 'approvedUntil')[0];
    expect(period).toMatchObject({ type: 'Input.Date', value: '2027-04-30', max: '2027-04-30' });
    const id = requestIdOf(card);
    expect(await invoke('mgr', VERBS.approvalDecide, { requestId: id, decision: 'approve', approvedUntil: '2027-05-31' })).toContain('申請より長くはできません');
    expect((await requests('colleague')).at(-1)?.state).toBe('pending');
    const approved = await invoke('mgr', VERBS.approvalDecide, { requestId: id, decision: 'approve', approvedUntil: '2027-01-31' });
    expect(approved).toContain('承認されました');
    expect(approved).toContain('2027年1月31日');
    expect(approved).toContain('申請された期間');
    const core = createApprovalsCore({ db: app.db, clock, audit: createAuditLog({ clock }) });
    expect((await core.activeFor('colleague', 'private_pc', new Date('2027-01-31T23:59:00+09:00')))?.id).toBe(id);
    expect(await core.activeFor('colleague', 'private_pc', new Date('2027-02-01T00:00:00+09:00'))).toBeUndefined();
  });
});
