import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/teams/commands';
import { ADMIN, startFuzzApp, USER, type FuzzApp } from './app';
import { deepJson, FIXED_REFUSALS, hostileString, hostileValue, POLLUTION, prototypeIntact, runs } from './hostile';

/**
 * Every text command, wrapped in hostile text, and random activity envelopes: the bot answers (a card
 * for a message, a fixed 4xx for a malformed activity), never a 5xx, quickly, and stores nothing.
 */
const SPELLINGS: Record<(typeof COMMANDS)[number]['id'], string[]> = {
  start: ['start', 'check in', '出勤', '始業', 'ＳＴＡＲＴ'],
  end: ['end', 'checkout', '退勤', '終業'],
  week: ['my week', 'week', '今週', '週報'],
  safety: ['safety round', '安否確認'],
  help: ['help', '?', 'ヘルプ', '使い方'],
  homeNetwork: ['home network', 'homenetwork', '自宅ネットワーク'],
  lostDevice: ['lost device', 'stolen device', '紛失', '盗難'],
  privatePc: ['private pc', 'privatepc', '私用PC', '私用ＰＣ'],
  paper: ['paper', '書類持ち出し', '紙資料持ち出し'],
  pledge: ['pledge', '誓約書'],
  pending: ['pending', 'approvals', '承認待ち'],
  incidents: ['incidents', 'インシデント'],
  mySafety: ['my safety', '安否'],
  worktimeExport: ['worktime export', '勤怠エクスポート', '勤怠CSV'],
};

const wrapped = (word: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(word),
    fc.record({ before: hostileString, after: hostileString }).map(({ before, after }) => `${before}${word}${after}`),
    fc.constantFrom(`<p>${word}</p>`, `<at>Anshin</at> ${word}`, `<${word}`, `${'<'.repeat(5_000)}${word}`, `\u3000${word}\u3000`, `${word}\n${word}`),
  );

describe('fuzz: text commands and activity envelopes', () => {
  let fz: FuzzApp;
  let before: Record<string, number>;

  beforeAll(async () => {
    fz = await startFuzzApp();
    before = await fz.counts();
  });
  afterAll(async () => {
    await fz?.stop();
  });

  const send = async (body: string, expectCard: boolean) => {
    const t0 = Date.now();
    const res = await fz.post(body);
    expect(Date.now() - t0, 'answered quickly').toBeLessThan(5_000);
    if (expectCard) expect(res.status, res.text.slice(0, 200)).toBe(200);
    else expect([200, 400, 403, 413], res.text.slice(0, 200)).toContain(res.status);
    if (res.status >= 400) expect(FIXED_REFUSALS).toContain(res.text);
    expect(await fz.counts()).toEqual(before);
  };

  it.each(COMMANDS.map((c) => [c.id]))('command %s, wrapped in hostile text', async (id) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(USER, ADMIN), fc.constantFrom(...SPELLINGS[id]).chain(wrapped), async (who, text) =>
        send(fz.activityJson(who, { type: 'message', text }), true),
      ),
      { numRuns: runs(15) },
    );
  });

  it('any text at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(USER, ADMIN), hostileString, async (who, text) => send(fz.activityJson(who, { type: 'message', text }), true)),
      { numRuns: runs(40) },
    );
  });

  it('a text or value of any type, deep nesting, prototype-pollution keys', async () => {
    const raw = fc.oneof(hostileValue.map((v) => JSON.stringify(v) ?? 'null'), deepJson, fc.constant(POLLUTION));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(USER, ADMIN), fc.constantFrom('text', 'value', 'channelData', 'entities', 'attachments'), raw, async (who, field, json) =>
        send(fz.activityJson(who, { type: 'message', text: 'start', [field]: '__RAW__' }, json), false),
      ),
      { numRuns: runs(40) },
    );
    expect(prototypeIntact()).toBe(true);
  });

  it('random activity envelopes', async () => {
    // Never a well-formed account or conversation of someone new: that would be a real first contact.
    const notAnAccount = hostileValue.filter((v) => !(v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string'));
    const envelope = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'typing', 'messageReaction', 'installationUpdate'), hostileValue),
        name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'task/fetch', 'signin/verifyState', 'composeExtension/query'), hostileValue),
        from: notAnAccount,
        conversation: notAnAccount,
        recipient: hostileValue,
        channelData: hostileValue,
        serviceUrl: hostileValue,
        locale: hostileValue,
        replyToId: hostileValue,
        membersAdded: hostileValue,
        value: hostileValue,
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(USER, ADMIN), envelope, async (who, fields) => send(fz.activityJson(who, fields), false)),
      { numRuns: runs(80) },
    );
  });

  it('still answers /healthz afterwards', async () => {
    await fz.healthy();
  });
});
