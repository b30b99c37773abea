import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import { cardText, executeActivity, findElements, startTestApp, type TestApp } from '../support/app';
import { waitUntil } from '../support/fanout';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople, type Person } from '../support/people';

// Issue 22, scopes 4–5: answering without Teams (e-mail link) and answers recorded by a manager.
const TENANT = 'tenant-mail';
const MAILBOX = 'anzen@example.co.jp';
const people: Person[] = [
  { id: 'admin-m', name: 'Admin', department: 'HR', isAdmin: true },
  { id: 'mgr-1', name: '上司 一郎', department: 'Sales' },
  { id: 'emp-a', name: '社員 A', department: 'Sales', managerId: 'mgr-1', email: 'a@example.co.jp' },
  { id: 'emp-b', name: 'Employee B $& $1', department: 'Sales', managerId: 'mgr-1', email: 'b@example.co.jp', locale: 'en' },
  { id: 'emp-c', name: '社員 C', department: 'Sales', managerId: 'mgr-1' },
  { id: 'emp-d', name: '社員 D', department: 'Sales', managerId: 'mgr-1', email: 'd@example.co.jp' },
  { id: 'emp-e', name: '社員 E', department: 'Sales', managerId: 'mgr-1' },
];
const answerForm = new URLSearchParams({ ownStatus: 'minor_injury', familyStatus: 'all_safe', homeDamage: 'partial', canWork: 'remote_only', location: 'home', comment: '' });

describe.each(storeKinds())('e-mail fallback and proxy answers on %s', (kind: StoreKind) => {
  let cloud: FakeCloud;
  let app: TestApp;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let roundId = '';
  const clock = new FakeClock('2026-11-24T01:00:00Z');
  const who = (id: string) => ({ serviceUrl: cloud.connectorUrl, user: id, tenant: TENANT });
  const linkTo = (to: string) => {
    const mail = cloud.state.mails.find((m) => m.to.includes(to));
    const href = /href="([^"]+)"/.exec(mail?.html ?? '')?.[1]?.replace(/&#38;/g, '&');
    if (!href) throw new Error(`no mail to ${to}`);
    return new URL(href).pathname + new URL(href).search;
  };
  const get = async (pathAndQuery: string) => {
    const res = await fetch(`${app.url}${pathAndQuery}`, { headers: { 'accept-language': 'ja' } });
    return { status: res.status, csp: res.headers.get('content-security-policy') ?? '', html: await res.text() };
  };
  const post = async (pathAndQuery: string, body: URLSearchParams) => {
    const res = await fetch(`${app.url}${pathAndQuery}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    return { status: res.status, html: await res.text() };
  };
  const answers = async (userId: string) => (await app.db.query<{ source: string; recorded_by: string }>('select source, recorded_by from round_answers where round_id = $1 and user_id = $2 order by id', [roundId, userId])).rows;
  const recipient = async (userId: string) =>
    (await app.db.query<{ status: string; own_status: string | null; answered_via: string | null }>('select status, own_status, answered_via from round_recipients where round_id = $1 and user_id = $2', [roundId, userId])).rows[0];

  beforeAll(async () => {
    cloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
    store = await openTestStore(kind);
    app = await startTestApp(
      { DELIVERY_RATE_PER_SECOND: '1000', GRAPH_ENABLED: 'true', GRAPH_BASE_URL: `${cloud.graphUrl}/`, ROUND_EMAIL_MAILBOX: MAILBOX, ROUND_EMAIL_AFTER_MINUTES: '15' },
      { clock, db: store.db },
    );
    await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people });
    roundId = (await app.rounds.start({ tenantId: TENANT, source: 'admin', form: { kind: 'earthquake', scope: 'everyone', departments: [], prefectures: [], people: [], drill: false, message: undefined } })).round.id;
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await cloud?.stop();
  });

  it('mails at once whose card failed, the others only after ROUND_EMAIL_AFTER_MINUTES, each once, through Graph sendMail', async () => {
    await app.rounds.tick();
    expect(cloud.state.mails).toEqual([]);
    await app.db.query("update deliveries set status = 'failed' where recipient_id = 'emp-b' and purpose = 'safety-check'");
    await app.rounds.tick();
    expect(cloud.state.mails.map((m) => [m.from, m.to, m.subject])).toEqual([[MAILBOX, ['b@example.co.jp'], '[Safety check] Please answer']]);
    // The directory name goes in as written: "$&" in a name is not a replacement pattern.
    expect(cloud.state.mails[0]?.html).toContain('Dear Employee B $&#38; $1,');
    clock.advance(16 * 60_000);
    await app.rounds.tick();
    await app.rounds.tick();
    expect(cloud.state.mails.map((m) => m.to[0])).toEqual(['b@example.co.jp', 'a@example.co.jp', 'd@example.co.jp']);
    expect(cloud.state.mails[1]?.subject).toBe('【安否確認】回答をお願いします');
  });

  it('the link opens a plain form under a strict CSP, answers once, then shows the recorded answer', async () => {
    const link = linkTo('a@example.co.jp');
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.csp).toContain("default-src 'none'");
    expect(page.html).toContain('name="ownStatus"');
    expect(page.html).not.toContain('<script');
    const sent = await post(link, answerForm);
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('回答を受け付けました');
    expect(sent.html).toContain('軽傷');
    expect(await recipient('emp-a')).toEqual({ status: 'answered', own_status: 'minor_injury', answered_via: 'email' });
    expect(await answers('emp-a')).toEqual([{ source: 'email', recorded_by: 'emp-a' }]);
    const audit = await app.db.query<{ data: { answeredVia?: string } }>("select data from audit_log where kind = 'round.answered' and actor_id = 'emp-a'");
    expect(audit.rows.map((r) => r.data.answeredVia)).toEqual(['email']);
    // Again: the recorded answer, nothing new stored.
    expect((await get(link)).html).toContain('回答を受け付けました');
    await post(link, new URLSearchParams({ ...Object.fromEntries(answerForm), ownStatus: 'safe' }));
    expect(await answers('emp-a')).toHaveLength(1);
    expect((await recipient('emp-a'))?.own_status).toBe('minor_injury');
  });

  it('an e-mail answer "needs help" alerts the manager and the admins at once, as a card answer does', async () => {
    const alerts = () => cloud.state.delivered.filter((d) => d.kind !== 'update' && cardText(d.activity).includes('至急：支援が必要な回答があります'));
    // A minor injury by e-mail (emp-a, above) alerted nobody.
    expect(alerts()).toEqual([]);
    await post(linkTo('d@example.co.jp'), new URLSearchParams({ ...Object.fromEntries(answerForm), ownStatus: 'needs_help' }));
    await waitUntil(async () => alerts().length === 2, 5000, 20);
    expect(alerts().map((d) => d.userId).sort()).toEqual(['admin-m', 'mgr-1']);
    for (const a of alerts()) expect(cardText(a.activity)).toContain('社員 D');
  });

  it('a forged link, or one moved to another person, gets a clear page and stores nothing', async () => {
    const link = linkTo('b@example.co.jp');
    const forged = await post(link.replace(/sig=[^&]+/, 'sig=AAAA'), answerForm);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('このリンクは使えません');
    const moved = await post(link.replace('/emp-b/', '/emp-c/'), answerForm);
    expect(moved.status).toBe(403);
    expect(await answers('emp-b')).toEqual([]);
    expect(await answers('emp-c')).toEqual([]);
  });

  it('a manager records the answer of a report reached by phone on their escalation card: the tally counts the status, the card and the audit say who and how', async () => {
    // The manager's list of reports who have not answered comes at +60 min, with the proxy form.
    clock.advance(45 * 60_000);
    await app.rounds.tick();
    const escalation = await cloud.state.waitForActivity((d) => d.userId === 'mgr-1' && cardText(d.activity).includes('安否確認：メンバーが未回答です'));
    const form = findElements(escalation.activity, (el) => el['type'] === 'Input.ChoiceSet' && el['id'] === 'userId')[0];
    expect((form?.['choices'] as { value: string }[]).map((c) => c.value).sort()).toEqual(['emp-b', 'emp-c', 'emp-e']);
    const button = findElements(escalation.activity, (el) => el['verb'] === VERBS.safetyProxy)[0];
    expect(button?.['title']).toBe('代理で記録');
    // The manager chose emp-c, "serious injury", "phone" and pressed the button: the inputs travel with the action's data.
    const res = await app.post(executeActivity(who('mgr-1'), VERBS.safetyProxy, { ...(button?.['data'] as object), userId: 'emp-c', ownStatus: 'serious_injury', how: 'phone' }, escalation.activityId));
    const card = cardText((res.body as { value: unknown }).value);
    expect(card).toContain('代理で記録済み：重傷（治療が必要）');
    expect(card).toContain('電話で確認（記録：上司 一郎）');
    expect(await recipient('emp-c')).toEqual({ status: 'answered', own_status: 'serious_injury', answered_via: 'proxy' });
    expect(await answers('emp-c')).toEqual([{ source: 'proxy', recorded_by: 'mgr-1' }]);
    const audit = await app.db.query<{ actor_id: string; data: { userId: string; how: string } }>("select actor_id, data from audit_log where kind = 'round.proxy_answer'");
    expect(audit.rows).toEqual([{ actor_id: 'mgr-1', data: expect.objectContaining({ userId: 'emp-c', how: 'phone', ownStatus: 'serious_injury' }) }]);
    // The admin's live tally counts the person as seriously injured (the only one).
    const tally = (await app.post(executeActivity(who('admin-m'), VERBS.roundRefresh, { roundId }))).body as { value: unknown };
    const serious = findElements(tally.value, (el) => el['type'] === 'Column' && Array.isArray(el['items']) && (el['items'] as { text?: string }[]).some((i) => i.text === '重傷'))[0];
    expect((serious?.['items'] as { text: string }[])[0]?.text).toBe('1');
    // Someone who is neither the manager nor an admin records nothing.
    await app.post(executeActivity(who('emp-a'), VERBS.safetyProxy, { roundId, userId: 'emp-b', ownStatus: 'safe', how: 'in_person' }));
    expect(await answers('emp-b')).toEqual([]);
  });

  it('an admin records an answer on the escalation report: the report comes back with what was recorded, by whom', async () => {
    // The admins' report of everyone still unanswered comes at +180 min, with the same form.
    clock.advance(120 * 60_000);
    await app.rounds.tick();
    const report = await cloud.state.waitForActivity((d) => d.userId === 'admin-m' && cardText(d.activity).includes('安否確認：未回答者の報告'));
    const form = findElements(report.activity, (el) => el['type'] === 'Input.ChoiceSet' && el['id'] === 'userId')[0];
    // Everyone still unanswered (the round went to everyone, the admin and the manager included).
    expect((form?.['choices'] as { value: string }[]).map((c) => c.value).sort()).toEqual(['admin-m', 'emp-b', 'emp-e', 'mgr-1']);
    const button = findElements(report.activity, (el) => el['verb'] === VERBS.safetyProxy)[0];
    const res = await app.post(executeActivity(who('admin-m'), VERBS.safetyProxy, { ...(button?.['data'] as object), userId: 'emp-e', ownStatus: 'safe', how: 'in_person' }, report.activityId));
    const card = cardText((res.body as { value: unknown }).value);
    expect(card).toContain('安否確認：未回答者の報告');
    expect(card).toContain('社員 Eさんの安否を代理で記録しました');
    expect(card).toContain('対面で確認（記録：Admin）');
    // emp-e left the list of choices; the others are still there.
    const left = findElements((res.body as { value: unknown }).value, (el) => el['type'] === 'Input.ChoiceSet' && el['id'] === 'userId')[0];
    expect((left?.['choices'] as { value: string }[]).map((c) => c.value).sort()).toEqual(['admin-m', 'emp-b', 'mgr-1']);
    expect(await recipient('emp-e')).toEqual({ status: 'answered', own_status: 'safe', answered_via: 'proxy' });
    const audit = await app.db.query<{ actor_id: string }>("select actor_id from audit_log where kind = 'round.proxy_answer' order by seq");
    expect(audit.rows.map((r) => r.actor_id)).toEqual(['mgr-1', 'admin-m']);
  });

  it('a proxy answer "serious injury" or "needs help" alerts as the person’s own answer would — not the one who recorded it, and once per status', async () => {
    const alertsAbout = (name: string) =>
      cloud.state.delivered.filter((d) => d.kind !== 'update' && cardText(d.activity).includes('至急：支援が必要な回答があります') && cardText(d.activity).includes(name));
    const settled = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 5000, 20);
    // The manager recorded emp-c "serious injury" by phone (above): the admin is told; the manager made the call and is not.
    await waitUntil(async () => alertsAbout('社員 C').length === 1, 5000, 20);
    await settled();
    expect(alertsAbout('社員 C').map((d) => d.userId)).toEqual(['admin-m']);
    const toAdmin = cardText(alertsAbout('社員 C')[0]?.activity);
    expect(toAdmin).toContain('重傷（治療が必要）');
    expect(toAdmin).toContain('電話で確認（記録：上司 一郎）');
    // Nothing the person did not say: a proxy answer has a status, no location or work answer.
    expect(toAdmin).not.toContain('現在地');
    // The same status recorded again (a second call, a double click): stored, no second alert.
    await app.post(executeActivity(who('mgr-1'), VERBS.safetyProxy, { roundId, userId: 'emp-c', ownStatus: 'serious_injury', how: 'phone' }));
    expect(await answers('emp-c')).toEqual([{ source: 'proxy', recorded_by: 'mgr-1' }, { source: 'proxy', recorded_by: 'mgr-1' }]);
    await settled();
    expect(alertsAbout('社員 C')).toHaveLength(1);

    // The admin calls emp-e again (recorded "safe" above) and learns they need help: the manager is told, the admin is not.
    const needsHelp = { roundId, userId: 'emp-e', ownStatus: 'needs_help', how: 'phone', card: 'report' };
    await app.post(executeActivity(who('admin-m'), VERBS.safetyProxy, needsHelp));
    await waitUntil(async () => alertsAbout('社員 E').length === 1, 5000, 20);
    await settled();
    expect(alertsAbout('社員 E').map((d) => d.userId)).toEqual(['mgr-1']);
    expect(cardText(alertsAbout('社員 E')[0]?.activity)).toContain('要支援（救助・支援が必要）');
    expect(cardText(alertsAbout('社員 E')[0]?.activity)).toContain('電話で確認（記録：Admin）');
    await app.post(executeActivity(who('admin-m'), VERBS.safetyProxy, needsHelp));
    expect(await recipient('emp-e')).toEqual({ status: 'answered', own_status: 'needs_help', answered_via: 'proxy' });
    await settled();
    expect(alertsAbout('社員 E')).toHaveLength(1);
    // Helped, recorded safe; later needs help again: that is news, the manager is told again.
    clock.advance(60_000);
    await app.post(executeActivity(who('admin-m'), VERBS.safetyProxy, { ...needsHelp, ownStatus: 'safe' }));
    clock.advance(60_000);
    await app.post(executeActivity(who('admin-m'), VERBS.safetyProxy, needsHelp));
    await waitUntil(async () => alertsAbout('社員 E').length === 2, 5000, 20);
    await settled();
    expect(alertsAbout('社員 E').map((d) => d.userId)).toEqual(['mgr-1', 'mgr-1']);
  });

  it('an answer on the Teams card is kept as the person’s own, marked as by card (the same store as the e-mail answer)', async () => {
    await app.post(executeActivity(who('mgr-1'), VERBS.safetyAnswer, { roundId, ...Object.fromEntries(answerForm), ownStatus: 'safe' }));
    expect(await recipient('mgr-1')).toEqual({ status: 'answered', own_status: 'safe', answered_via: 'card' });
    expect(await answers('mgr-1')).toEqual([{ source: 'self', recorded_by: 'mgr-1' }]);
  });

  it('once the round is closed the link takes no answer', async () => {
    await app.db.query("update safety_rounds set status = 'closed', closed_at = now() where id = $1", [roundId]);
    const link = linkTo('b@example.co.jp');
    // emp-b reads English: the page speaks the person's language, not the browser's.
    expect((await get(link)).html).toContain('This safety check is closed');
    await post(link, answerForm);
    expect(await answers('emp-b')).toEqual([]);
  });
});

describe('local mode writes the e-mails as .eml files', () => {
  it('one file per person and round, openable by a mail program', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anshin-mail-'));
    const cloud = await startFakeCloud();
    const clock = new FakeClock('2026-11-24T01:00:00Z');
    const app = await startTestApp({ ROUND_EMAIL_DIR: dir, ROUND_EMAIL_AFTER_MINUTES: '1' }, { clock });
    try {
      await seedPeople(app.db, cloud.state, { tenantId: TENANT, connectorUrl: cloud.connectorUrl, people: people.slice(2, 3) });
      await app.rounds.start({ tenantId: TENANT, source: 'admin', form: { kind: 'fire', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true, message: undefined } });
      clock.advance(2 * 60_000);
      await app.rounds.tick();
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const eml = readFileSync(path.join(dir, files[0] as string), 'utf8');
      expect(eml).toContain('To: a@example.co.jp');
      expect(eml).toContain('Content-Type: multipart/alternative');
      const text = Buffer.from(/charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([\s\S]+?)\r\n--/.exec(eml)?.[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8');
      expect(text).toContain('これは訓練です。');
      expect(text).toMatch(/\/answer\/[0-9a-f-]{36}\/emp-a\/[A-Za-z0-9_-]+\?exp=\d+&sig=/);
    } finally {
      await app.stop();
      await cloud.stop();
    }
  });
});
