import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJmaXml, type Intensity } from '../../src/domain/safety/jma';
import {
  decideTrigger,
  TRIGGER_DEFAULTS,
  type IgnoreReason,
  type RecentRound,
  type TriggerContext,
  type TriggerDecision,
} from '../../src/domain/safety/trigger';

const OWN = path.resolve(__dirname, '../fixtures/jma');
const SHARED = path.resolve(__dirname, '../../../shared/fixtures/jma');
const own = (file: string): string => readFileSync(path.join(OWN, file), 'utf8');

const NOW = new Date('2024-03-15T01:30:00Z');
const EVENT = '20240315101500';
const HOUR = 3_600_000;

/** Tokyo head office, Kanagawa and Osaka branches, a few people in Hokkaido, Okinawa and Miyagi. */
const EMPLOYEES = new Map([['13', 120], ['14', 40], ['27', 30], ['01', 5], ['47', 3], ['04', 10]]);

function ctx(over: Partial<TriggerContext> = {}): TriggerContext {
  return { employeesByPrefecture: EMPLOYEES, recentRounds: [], now: NOW, ...over };
}

function round(over: Partial<RecentRound> = {}): RecentRound {
  return { eventId: EVENT, kind: 'earthquake', startedAt: new Date(NOW.getTime() - HOUR), status: 'open', answered: 0, ...over };
}

/** The VXSE53 fixture with another event id, info type, serial or intensities. */
function quakeXml(o: { eventId?: string; infoType?: string; serial?: number; tokyo?: string; kanagawa?: string } = {}): string {
  let xml = own('vxse53-issue.xml');
  if (o.eventId) xml = xml.replace('<EventID>20240315101500</EventID>', `<EventID>${o.eventId}</EventID>`);
  if (o.infoType) xml = xml.replace('<InfoType>発表</InfoType>', `<InfoType>${o.infoType}</InfoType>`);
  if (o.serial) xml = xml.replace('<Serial>1</Serial>', `<Serial>${o.serial}</Serial>`);
  if (o.tokyo) xml = xml.replace('<Code>13</Code><MaxInt>5-</MaxInt>', `<Code>13</Code><MaxInt>${o.tokyo}</MaxInt>`);
  if (o.kanagawa) xml = xml.replace('<Code>14</Code><MaxInt>3</MaxInt>', `<Code>14</Code><MaxInt>${o.kanagawa}</MaxInt>`);
  return xml;
}
const decide = (xml: string, c: Partial<TriggerContext> = {}): TriggerDecision => decideTrigger(parseJmaXml(xml), ctx(c));

describe('decideTrigger on our own fixtures', () => {
  it('starts a round for 5弱 in Tokyo, not for 3 in Kanagawa', () => {
    expect(decide(own('vxse53-issue.xml'))).toEqual({
      action: 'start',
      kind: 'earthquake',
      eventId: EVENT,
      prefectures: ['13'],
      maxIntensity: '5-',
      reason: 'intensity',
    });
    expect(decide(own('vxse53-issue.xml'), { threshold: '3' })).toMatchObject({ action: 'start', prefectures: ['13', '14'] });
    expect(decide(own('vxse53-issue.xml'), { threshold: '5+' })).toEqual({ action: 'ignore', reason: 'below_threshold' });
    expect(TRIGGER_DEFAULTS.threshold).toBe('5-');
    // Nobody works or lives in Tokyo:
    const elsewhere = new Map([['27', 30], ['13', 0]]);
    const decision = decide(own('vxse53-issue.xml'), { employeesByPrefecture: elsewhere });
    expect(decision).toEqual({ action: 'ignore', reason: 'no_employees_affected' });
  });

  it('ignores drills, tests, other telegrams and reports without intensities', () => {
    expect(decide(own('vxse51-drill.xml'))).toEqual({ action: 'ignore', reason: 'drill' });
    expect(decide(own('vxse51-test.xml'))).toEqual({ action: 'ignore', reason: 'test' });
    const other = own('vxse53-issue.xml').replace('<Title>震源・震度に関する情報</Title>', '<Title>顕著な地震の震源要素更新のお知らせ</Title>');
    expect(decide(other)).toEqual({ action: 'ignore', reason: 'not_relevant' });
    const vxse52 = own('vxse53-issue.xml')
      .replace('<Title>震源・震度に関する情報</Title>', '<Title>震源に関する情報</Title>')
      .replace(/<Intensity>[\s\S]*<\/Intensity>/, '');
    expect(decide(vxse52)).toEqual({ action: 'ignore', reason: 'not_relevant' });
  });

  it('cancels an unanswered round on 取消, tells admins once people answered', () => {
    const cancel = own('vxse53-cancel.xml');
    const unanswered = decide(cancel, { recentRounds: [round()] });
    expect(unanswered).toEqual({ action: 'cancel', eventId: EVENT, kind: 'earthquake', reason: 'cancelled_before_answers' });
    const answered = decide(cancel, { recentRounds: [round({ answered: 12 })] });
    expect(answered).toEqual({ action: 'notify_admins', eventId: EVENT, reason: 'cancelled_after_answers', roundEventId: EVENT });
    expect(decide(cancel, { recentRounds: [round({ status: 'closed' })] })).toMatchObject({ action: 'notify_admins' });
    expect(decide(cancel)).toEqual({ action: 'ignore', reason: 'not_relevant' });
    const otherEvent = decide(cancel, { recentRounds: [round({ eventId: '20240101000000' })] });
    expect(otherEvent).toEqual({ action: 'ignore', reason: 'not_relevant' });
    // Withdrawing the tsunami telegram of an event does not cancel its earthquake round.
    const withdrawn = own('vtse41-warning.xml').replace('<InfoType>発表</InfoType>', '<InfoType>取消</InfoType>');
    expect(decide(withdrawn, { recentRounds: [round()] })).toMatchObject({ action: 'notify_admins', reason: 'correction' });
    expect(decide(withdrawn, { recentRounds: [round({ kind: 'tsunami' })] })).toMatchObject({ action: 'cancel', kind: 'tsunami' });
  });

  it('starts a tsunami round for the prefectures of warned coasts', () => {
    // 東京湾内湾 (warning) is Chiba, Tokyo and Kanagawa; nobody works in Chiba.
    const decision = decide(own('vtse41-warning.xml'));
    expect(decision).toEqual({ action: 'start', kind: 'tsunami', eventId: EVENT, prefectures: ['13', '14'], reason: 'tsunami' });
    const advisoryOnly = own('vtse41-warning.xml').replaceAll('<Name>津波警報</Name><Code>51</Code>', '<Name>津波注意報</Name><Code>62</Code>');
    expect(decide(advisoryOnly)).toEqual({ action: 'ignore', reason: 'below_threshold' });
    const withAdvisories = decide(advisoryOnly, { tsunamiKinds: ['major_warning', 'warning', 'advisory'] });
    expect(withAdvisories).toMatchObject({ action: 'start', prefectures: ['13', '14'] });
  });

  it('extends the earthquake round of the same event when a tsunami warning adds prefectures', () => {
    const quakeRound = round({ prefectures: ['13'], maxIntensity: '5-' });
    expect(decide(own('vtse41-warning.xml'), { recentRounds: [quakeRound] })).toEqual({
      action: 'update',
      eventId: EVENT,
      roundKind: 'earthquake',
      prefectures: ['13', '14'],
      addedPrefectures: ['14'],
      maxIntensity: '5-',
      reason: 'more_prefectures',
    });
    const covered = round({ prefectures: ['13', '14'], maxIntensity: '5-' });
    expect(decide(own('vtse41-warning.xml'), { recentRounds: [covered] })).toEqual({ action: 'ignore', reason: 'duplicate' });
  });

  it('treats a later report of the same event as duplicate, more prefectures or stronger', () => {
    const started = round({ prefectures: ['13'], maxIntensity: '5-' });
    expect(decide(quakeXml({ serial: 2 }), { recentRounds: [started] })).toEqual({ action: 'ignore', reason: 'duplicate' });
    const more = decide(quakeXml({ serial: 2, kanagawa: '5-' }), { recentRounds: [started] });
    expect(more).toMatchObject({ action: 'update', prefectures: ['13', '14'], addedPrefectures: ['14'], reason: 'more_prefectures' });
    const stronger = decide(quakeXml({ serial: 2, tokyo: '6-' }), { recentRounds: [started] });
    expect(stronger).toMatchObject({ action: 'update', addedPrefectures: [], maxIntensity: '6-', reason: 'stronger' });
    // Without the round's prefectures the trigger cannot tell what is new; the caller's extension is a no-op.
    const unknownScope = decide(quakeXml({ serial: 2 }), { recentRounds: [round({ maxIntensity: '5-' })] });
    expect(unknownScope).toMatchObject({ action: 'update', addedPrefectures: ['13'] });
  });

  it('handles 訂正: extends, tells admins, or starts when nothing was started yet', () => {
    const started = round({ prefectures: ['13'], maxIntensity: '5-' });
    const raised = decide(quakeXml({ infoType: '訂正', kanagawa: '5+' }), { recentRounds: [started] });
    expect(raised).toMatchObject({ action: 'update', prefectures: ['13', '14'], addedPrefectures: ['14'], maxIntensity: '5+' });
    expect(raised).toMatchObject({ roundKind: 'earthquake', reason: 'correction' });
    const lowered = decide(quakeXml({ infoType: '訂正', tokyo: '4' }), { recentRounds: [started] });
    expect(lowered).toEqual({ action: 'notify_admins', eventId: EVENT, reason: 'correction', roundEventId: EVENT });
    expect(decide(quakeXml({ infoType: '訂正' }))).toMatchObject({ action: 'start', prefectures: ['13'] });
  });

  describe('aftershocks', () => {
    const startedAt = new Date(NOW.getTime() - 2 * HOUR);
    const first = round({ eventId: '20240315083000', prefectures: ['13'], maxIntensity: '5+', startedAt });
    const next = (o: { tokyo?: string; kanagawa?: string } = {}): string => quakeXml({ eventId: '20240315101501', ...o });

    it('tells admins instead of starting a round for a quake not stronger than the open round', () => {
      expect(decide(next(), { recentRounds: [first] })).toEqual({
        action: 'notify_admins',
        eventId: '20240315101501',
        reason: 'aftershock_suppressed',
        roundEventId: '20240315083000',
        prefectures: ['13'],
        maxIntensity: '5-',
      });
      expect(decide(next({ tokyo: '5+' }), { recentRounds: [first] })).toMatchObject({ reason: 'aftershock_suppressed' });
      // The clock went backwards: a round "started in the future" is as recent as it gets.
      const ahead = { ...first, startedAt: new Date(NOW.getTime() + 10 * 60_000) };
      expect(decide(next(), { recentRounds: [ahead] })).toMatchObject({ reason: 'aftershock_suppressed' });
    });

    it('starts a round for a stronger quake', () => {
      expect(decide(next({ tokyo: '6-' }), { recentRounds: [first] })).toEqual({
        action: 'start',
        kind: 'earthquake',
        eventId: '20240315101501',
        prefectures: ['13'],
        maxIntensity: '6-',
        reason: 'stronger_than_open_round',
      });
    });

    it('starts a round after the window, after the round closed, or with a shorter window', () => {
      const old = { ...first, startedAt: new Date(NOW.getTime() - 6 * HOUR) };
      expect(decide(next(), { recentRounds: [old] })).toMatchObject({ action: 'start', reason: 'intensity' });
      expect(decide(next(), { recentRounds: [{ ...first, status: 'closed' }] })).toMatchObject({ action: 'start' });
      expect(decide(next(), { recentRounds: [first], aftershockWindowHours: 1 })).toMatchObject({ action: 'start' });
      expect(TRIGGER_DEFAULTS.aftershockWindowHours).toBe(6);
    });

    it('starts a round only for prefectures the open round does not cover', () => {
      const partly = decide(next({ kanagawa: '5-' }), { recentRounds: [first] });
      expect(partly).toMatchObject({ action: 'start', prefectures: ['14'], maxIntensity: '5-', reason: 'intensity' });
      const osaka = { ...first, prefectures: ['27'] };
      expect(decide(next(), { recentRounds: [osaka] })).toMatchObject({ action: 'start', prefectures: ['13'] });
    });

    it('does not compare with a round of unknown intensity or a tsunami round', () => {
      const { maxIntensity: _omitted, ...manual } = first;
      expect(decide(next(), { recentRounds: [manual] })).toMatchObject({ action: 'start', reason: 'intensity' });
      expect(decide(next(), { recentRounds: [{ ...first, kind: 'tsunami' }] })).toMatchObject({ action: 'start' });
    });
  });
});

type Expectation = { decision: TriggerDecision; ctx?: Partial<TriggerContext> };
const roundOf = (eventId: string, answered: number): RecentRound =>
  round({ eventId, prefectures: ['04'], maxIntensity: '6+', startedAt: new Date(NOW.getTime() - 20 * 60_000), answered });
const ignore = (reason: IgnoreReason): Expectation => ({ decision: { action: 'ignore', reason } });
const quakeStart = (eventId: string, prefectures: string[], maxIntensity: Intensity): TriggerDecision =>
  ({ action: 'start', kind: 'earthquake', eventId, prefectures, maxIntensity, reason: 'intensity' });
const tsunamiStart = (eventId: string, prefectures: string[]): TriggerDecision =>
  ({ action: 'start', kind: 'tsunami', eventId, prefectures, reason: 'tsunami' });
const WITH_ADVISORIES = { tsunamiKinds: ['major_warning', 'warning', 'advisory'] } as const;
const IWATE_2008 = '20080614084350';
const TOHOKU_2011 = '20110311144640';

/**
 * The decision for each real sample with the EMPLOYEES directory above (13 東京 120, 14 神奈川 40,
 * 27 大阪 30, 01 北海道 5, 47 沖縄 3, 04 宮城 10). Read off the files: see the comment on each row.
 */
const REAL_DECISIONS: Record<string, Expectation[]> = {
  // 2008 岩手・宮城内陸地震: 6強 in 03/04, 5強 in 05, 5弱 in 06/07; 3 in 01, 13, 14.
  '32-35_06_03_100915_VXSE53.xml': [
    { decision: quakeStart(IWATE_2008, ['04'], '6+') },
    { ctx: { threshold: '3' }, decision: quakeStart(IWATE_2008, ['01', '04', '13', '14'], '6+') },
  ],
  // 取消 of the same event: nothing to cancel / an unanswered round / a round people answered.
  '32-35_06_06_100915_VXSE53.xml': [
    ignore('not_relevant'),
    {
      ctx: { recentRounds: [roundOf(IWATE_2008, 0)] },
      decision: { action: 'cancel', eventId: IWATE_2008, kind: 'earthquake', reason: 'cancelled_before_answers' },
    },
    {
      ctx: { recentRounds: [roundOf(IWATE_2008, 7)] },
      decision: { action: 'notify_admins', eventId: IWATE_2008, reason: 'cancelled_after_answers', roundEventId: IWATE_2008 },
    },
  ],
  // Drill: 5弱 in 静岡.
  '32-35_01_03_100806_VXSE53.xml': [ignore('drill')],
  // Drill, and no intensities anyway.
  '32-35_01_02_100514_VXSE52.xml': [ignore('drill')],
  // 2009 駿河湾: 6弱 only in 静岡 (no employees); 4 in 13 and 14.
  '32-35_07_01_100915_VXSE51.xml': [
    ignore('no_employees_affected'),
    { ctx: { threshold: '4' }, decision: quakeStart('20090811050711', ['13', '14'], '4') },
  ],
  // 震度1 in 和歌山.
  '20210216071046_0_VXSE53_270000.xml': [ignore('below_threshold')],
  // 遠地地震に関する情報 (the 2023 Ulawun eruption notice): no intensities in Japan.
  '20231120170318_06797589_VXSE53.xml': [ignore('not_relevant')],
  // 2011-03-11 14:49: 大津波警報 岩手/宮城/福島, 津波警報 incl. 北海道太平洋沿岸中部 and 伊豆諸島,
  // 津波注意報 incl. 相模湾・三浦半島, 津波予報 for 東京湾内湾, 大阪府 and 沖縄.
  '32-39_11_02_120615_VTSE41.xml': [
    { decision: tsunamiStart(TOHOKU_2011, ['01', '04', '13']) },
    { ctx: WITH_ADVISORIES, decision: tsunamiStart(TOHOKU_2011, ['01', '04', '13', '14']) },
    {
      // The earthquake round of the same event (宮城) is extended, not doubled.
      ctx: { recentRounds: [roundOf(TOHOKU_2011, 3)] },
      decision: {
        action: 'update',
        eventId: TOHOKU_2011,
        roundKind: 'earthquake',
        prefectures: ['01', '04', '13'],
        addedPrefectures: ['01', '13'],
        maxIntensity: '6+',
        reason: 'more_prefectures',
      },
    },
  ],
  // Drill (大津波警報 on most coasts).
  '32-39_12_02_191025_VTSE41.xml': [ignore('drill')],
  // 2023-10-09 津波注意報 for 伊豆諸島 and 小笠原諸島.
  '20231009064018_06274659_VTSE41.xml': [
    ignore('below_threshold'),
    { ctx: WITH_ADVISORIES, decision: tsunamiStart('20231009052500', ['13']) },
  ],
  // 緊急地震速報配信テスト.
  '54_01_01_100514_VXSE42.xml': [ignore('test')],
};

describe('decideTrigger on the real JMA samples', () => {
  if (!existsSync(SHARED)) {
    const missing = `real JMA samples not found at ${SHARED}`;
    if (process.env.CI === 'true') it('needs the shared samples in CI', () => expect.fail(missing));
    else it.skip(`skipped: ${missing} (this fails when CI=true)`, () => undefined);
    return;
  }

  it('has a row for every sample', () => {
    expect(readdirSync(SHARED).filter((f) => f.endsWith('.xml')).sort()).toEqual(Object.keys(REAL_DECISIONS).sort());
  });

  const rows = Object.entries(REAL_DECISIONS).flatMap(([file, expectations]) =>
    expectations.map((e, i) => ({ name: `${file} #${i + 1} → ${e.decision.action} ${e.decision.reason}`, file, ...e })),
  );
  it.each(rows)('$name', ({ file, ctx: over, decision }) => {
    const report = parseJmaXml(readFileSync(path.join(SHARED, file), 'utf8'));
    expect(decideTrigger(report, ctx(over))).toEqual(decision);
  });

  it('starts, then cancels the 2008 event while nobody has answered', () => {
    const [issued, cancelled] = ['32-35_06_03_100915_VXSE53.xml', '32-35_06_06_100915_VXSE53.xml'].map((f) =>
      readFileSync(path.join(SHARED, f), 'utf8'),
    );
    const start = decide(issued ?? '');
    if (start.action !== 'start') throw new Error('expected a start');
    const { eventId, kind, prefectures, maxIntensity } = start;
    const opened = { recentRounds: [round({ eventId, kind, prefectures, maxIntensity, startedAt: NOW })] };
    expect(decide(issued ?? '', opened)).toEqual({ action: 'ignore', reason: 'duplicate' });
    expect(decide(cancelled ?? '', opened)).toMatchObject({ action: 'cancel' });
  });
});
