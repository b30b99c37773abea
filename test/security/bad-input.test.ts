import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { importDirectoryFile } from '../../src/features/directory/local-file';
import { parseCommand, questionText } from '../../src/teams/commands';
import { cardText, executeActivity, messageActivity, startTestApp, teamsActivity, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';

const BAD_REQUEST = '{"error":"bad request"}';

describe('bad input never gets a 5xx or the SDK’s text', () => {
  const clock = new FakeClock('2026-02-27T01:00:00Z');
  let cloud: FakeCloud;
  let app: TestApp;
  const p = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: 'tenant-1' });
  const raw = async (body: string) => {
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, text: await res.text() };
  };
  const users = async () => (await app.db.query('select 1 from users')).rows.length;

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({}, { clock });
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  it.each([
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['null', 'null'],
    ['not JSON', '{nope'],
    ['a numeric type', () => JSON.stringify({ ...teamsActivity(p('m1'), {}), type: 5 })],
    ['no type', () => JSON.stringify(teamsActivity(p('m2'), { text: 'start' }))],
    ['a message whose sender is a string', () => JSON.stringify({ ...messageActivity(p('m3'), 'start'), from: 'someone' })],
    ['a message whose conversation is a string', () => JSON.stringify({ ...messageActivity(p('m4'), 'start'), conversation: 'c' })],
    ['a message whose text is a number', () => JSON.stringify(teamsActivity(p('m5'), { type: 'message', text: 5 }))],
    ['a message without a sender', () => JSON.stringify({ type: 'message', text: 'start', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' } })],
    ['a message with a 10 KB sender id', () => JSON.stringify({ ...messageActivity(p('m6'), 'start'), from: { id: 'x'.repeat(10_000) } })],
    ['an invoke nobody handles', () => JSON.stringify(teamsActivity(p('m7'), { type: 'invoke', name: 'foo/bar' }))],
    ['an invoke without a name', () => JSON.stringify(teamsActivity(p('m8'), { type: 'invoke' }))],
  ])('%s → 400 with a fixed body', async (_name, body) => {
    const res = await raw(typeof body === 'function' ? body() : body);
    expect(res).toEqual({ status: 400, text: BAD_REQUEST });
  });

  it.each([
    ['no value', {}],
    ['a string value', { value: 'x' }],
    ['a string action', { value: { action: 'x' } }],
    ['a numeric verb', { value: { action: { type: 'Action.Execute', verb: 5, data: {} } } }],
    ['an Action.Submit', { value: { action: { type: 'Action.Submit', verb: VERBS.startSubmit, data: {} } } }],
  ])('a card action with %s → an error card', async (_name, extra) => {
    const res = await raw(JSON.stringify(teamsActivity(p('card-user'), { type: 'invoke', name: 'adaptiveCard/action', ...extra })));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(body.value)).toContain('このボタンは現在使用できません');
  });

  it('100 KB of "<" is matched in linear time', () => {
    for (const text of ['<'.repeat(100_000), '<a'.repeat(50_000), `${'<'.repeat(100_000)}>`]) {
      const t0 = performance.now();
      expect(parseCommand(text)).toBeUndefined();
      expect(performance.now() - t0).toBeLessThan(100);
    }
    // Commands still work, also wrapped in the HTML Teams sends.
    expect(parseCommand('<p>start</p>')).toBe('start');
    expect(parseCommand('ｓｔａｒｔ')).toBe('start');
  });

  it('a question is reduced to its plain text in linear time, whatever its size', () => {
    for (const text of ['<'.repeat(100_000), '<a'.repeat(50_000), '&amp;'.repeat(20_000), `${'<p>'.repeat(30_000)}x`]) {
      const t0 = performance.now();
      expect((questionText(text) ?? '').length).toBeLessThanOrEqual(2000);
      expect(performance.now() - t0).toBeLessThan(100);
    }
    expect(questionText('<p>Can I work from a <b>café</b>?</p><p>Thanks &amp; regards</p>')).toBe('Can I work from a café? Thanks & regards');
    expect(questionText('<p> </p>')).toBeUndefined();
    expect(questionText(5)).toBeUndefined();
  });

  it('a 100 KB message of "<" does not block the server', async () => {
    const t0 = performance.now();
    const res = await app.post(messageActivity(p('lt-user'), '<'.repeat(100_000)));
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('an impossible date (2026-02-30) gets the invalid-date card and stores nothing', async () => {
    const start = {
      date: '2026-02-30', startTime: '09:00', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true',
      notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '3',
    };
    for (const [verb, data] of [
      [VERBS.startSubmit, start],
      [VERBS.startEdit, { date: '2026-02-30' }],
      [VERBS.endEdit, { date: '2026-13-01' }],
      [VERBS.dayOff, { date: '2026-02-29', reason: 'office' }],
    ] as const) {
      const res = await app.post(executeActivity(p('date-user'), verb, data));
      expect(res.status, verb).toBe(200);
      const text = cardText((res.body as { value: unknown }).value);
      expect(text, verb).toContain('変更できません');
      expect(text, verb).not.toContain('処理できませんでした');
    }
    expect((await app.db.query('select 1 from checkins')).rows).toHaveLength(0);
  });

  it('stores a display name of at most 256 characters', async () => {
    await app.post(teamsActivity({ ...p('long-name'), name: '名'.repeat(100_000) }, { type: 'message', text: 'help' }));
    const row = await app.db.query<{ n: number }>("select char_length(name) as n from users where id = 'long-name'");
    expect(row.rows).toEqual([{ n: 256 }]);
  });

  it('caps display names from the directory file too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anshin-names-'));
    try {
      const file = path.join(dir, 'directory.json');
      writeFileSync(file, JSON.stringify({ tenantId: 'tenant-1', users: [{ aadObjectId: 'dir-long', name: 'N'.repeat(5_000) }] }));
      await importDirectoryFile(app.db, file, { timeZone: 'Asia/Tokyo' });
      const row = await app.db.query<{ n: number }>("select char_length(name) as n from users where id = 'dir-long'");
      expect(row.rows).toEqual([{ n: 256 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server still answers after all of that', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await users()).toBeGreaterThan(0);
  });
});
