import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJmaReport, weatherIssuanceKey, type WeatherReport } from '../../src/domain/safety/jma-weather';
import { defaultRules, describeRule, parseRulesFile, type RuleOf } from '../../src/domain/safety/rules';
import { decideWeather, type WeatherContext } from '../../src/domain/safety/weather-trigger';

// Real telegrams (test/fixtures/jma/weather/SOURCES.md).
const fixture = (file: string) => readFileSync(path.resolve(__dirname, '../fixtures/jma/weather', file), 'utf8');
const weather = (file: string) => {
  const report = parseJmaReport(fixture(file));
  if (report.kind !== 'weather') throw new Error(`${file} is not a weather report`);
  return report;
};
const TOKYO_COPIES = ['vpww53-tokyo-special-20260907.xml', 'vpww54-tokyo-special-20260907.xml', 'vpno50-tokyo-special-20260907.xml'];

describe('特別警報 telegrams (real samples)', () => {
  it.each(TOKYO_COPIES)('%s: 東京都 大雨特別警報, one issuance key for all three formats', (file) => {
    const report = weather(file);
    expect(report).toMatchObject({ status: '通常', infoType: '発表', reportDateTime: '2026-09-07T22:57:00+09:00', issued: [{ code: '13', kinds: ['heavy_rain'] }], released: [] });
    expect(weatherIssuanceKey(['13'], ['heavy_rain'], report.reportDateTime)).toBe('weather:13:heavy_rain:2026-09-07T13:57:00.000Z');
  });

  it('reads the 2026 format 気象警報・注意報（Ｒ０６）（大雨）: レベル５大雨特別警報 in 福井県', () => {
    expect(weather('vpww55-r06-fukui-special-20260830.xml')).toMatchObject({ title: '気象警報・注意報（Ｒ０６）（大雨）', issued: [{ code: '18', kinds: ['heavy_rain'] }], released: [] });
  });

  it('reads 解除 (the 特別警報 switched to a warning) as released, nothing issued', () => {
    expect(weather('vpno50-tokyo-release-20260908.xml')).toMatchObject({ issued: [], released: ['13'] });
  });
});

describe('decideWeather', () => {
  const rule: RuleOf<'special_warning'> = { source: 'special_warning', id: 'wx', kinds: ['heavy_rain', 'storm_surge'], prefectures: [], action: 'start', repeatBlockMinutes: 360, drill: false };
  const now = new Date('2026-09-07T14:00:00Z');
  const ctx = (over: Partial<WeatherContext> = {}): WeatherContext => ({ employeesByPrefecture: new Map([['13', 5], ['18', 2]]), recentRounds: [], now, ...over });
  const tokyo = weather(TOKYO_COPIES[0] as string);
  const key = 'weather:13:heavy_rain:2026-09-07T13:57:00.000Z';

  it('starts one round; a copy of the same issuance is a duplicate', () => {
    expect(decideWeather(tokyo, rule, ctx())).toEqual({ action: 'start', eventId: key, prefectures: ['13'], kinds: ['heavy_rain'] });
    const started = ctx({ recentRounds: [{ eventId: key, prefectures: ['13'], startedAt: now, status: 'open' }] });
    for (const file of TOKYO_COPIES) expect(decideWeather(weather(file), rule, started)).toEqual({ action: 'ignore', reason: 'duplicate' });
  });

  it('a new prefecture within the repeat block extends the open round; after it, starts a new one', () => {
    const open = { eventId: key, prefectures: ['13'], startedAt: new Date(now.getTime() - 359 * 60_000), status: 'open' as const };
    const fukui = weather('vpww55-r06-fukui-special-20260830.xml');
    expect(decideWeather(fukui, rule, ctx({ recentRounds: [open] }))).toEqual({ action: 'update', eventId: key, addedPrefectures: ['18'] });
    const old = { ...open, startedAt: new Date(now.getTime() - 360 * 60_000) };
    expect(decideWeather(fukui, rule, ctx({ recentRounds: [old] }))).toMatchObject({ action: 'start', prefectures: ['18'] });
  });

  it('解除 never starts a round: the admins are told, when the company has people there', () => {
    const released = weather('vpno50-tokyo-release-20260908.xml');
    expect(decideWeather(released, rule, ctx())).toMatchObject({ action: 'notify_admins', reason: 'released', prefectures: ['13'] });
    expect(decideWeather(released, rule, ctx({ employeesByPrefecture: new Map() }))).toEqual({ action: 'ignore', reason: 'not_relevant' });
  });

  it('ignores drills, kinds and prefectures outside the rule, and places without people; admins-only rules notify', () => {
    expect(decideWeather({ ...tokyo, status: '訓練' }, rule, ctx())).toEqual({ action: 'ignore', reason: 'drill' });
    expect(decideWeather(tokyo, { ...rule, kinds: ['storm'] }, ctx())).toEqual({ action: 'ignore', reason: 'not_relevant' });
    expect(decideWeather(tokyo, { ...rule, prefectures: ['27'] }, ctx())).toEqual({ action: 'ignore', reason: 'not_relevant' });
    expect(decideWeather(tokyo, rule, ctx({ employeesByPrefecture: new Map([['18', 1]]) }))).toEqual({ action: 'ignore', reason: 'no_employees_affected' });
    expect(decideWeather(tokyo, { ...rule, action: 'notify_admins' }, ctx())).toMatchObject({ action: 'notify_admins', reason: 'admins_only', prefectures: ['13'] });
  });

  it('an empty report (no 特別警報 at all) is not relevant', () => {
    const none: WeatherReport = { ...tokyo, issued: [], released: [] };
    expect(decideWeather(none, rule, ctx())).toEqual({ action: 'ignore', reason: 'not_relevant' });
  });
});

describe('trigger rules file', () => {
  it('defaults equal the JMA_* settings (earthquake and tsunami only)', () => {
    const rules = defaultRules({ threshold: '5-', tsunamiKinds: ['major_warning', 'warning'], aftershockHours: 6, drill: false });
    expect(rules.map(describeRule)).toEqual([
      'earthquake: 震度 ≥ 5- → start, repeat block 360 min',
      'tsunami: tsunami major_warning|warning → start, repeat block 360 min',
    ]);
  });

  it('reads a valid file with defaults filled in', () => {
    const parsed = parseRulesFile(JSON.stringify({ rules: [{ id: 'rain', source: 'special_warning', kinds: ['heavy_rain'], action: 'notify_admins' }] }));
    expect(parsed).toEqual({ rules: [{ id: 'rain', source: 'special_warning', kinds: ['heavy_rain'], prefectures: [], action: 'notify_admins', repeatBlockMinutes: 360, drill: false }] });
  });

  it('names every bad field on its own line', () => {
    const parsed = parseRulesFile(JSON.stringify({
      rules: [
        { id: 'q', source: 'earthquake', minIntensity: '8', repeatBlockMinutes: -1 },
        { id: 'q', source: 'special_warning', kinds: ['tornado'], prefectures: ['48'] },
      ],
    }));
    expect('problems' in parsed && parsed.problems).toEqual([
      expect.stringMatching(/^ROUND_RULES_FILE: rules\.0\.minIntensity: /),
      expect.stringMatching(/^ROUND_RULES_FILE: rules\.0\.repeatBlockMinutes: /),
      expect.stringMatching(/^ROUND_RULES_FILE: rules\.1\.kinds\.0: /),
      expect.stringMatching(/^ROUND_RULES_FILE: rules\.1\.prefectures\.0: a JIS prefecture code/),
    ]);
    const twice = { id: 'q', source: 'tsunami', tsunamiKinds: ['warning'] };
    expect(parseRulesFile(JSON.stringify({ rules: [twice, twice] }))).toEqual({ problems: ['ROUND_RULES_FILE: rules.1.id: duplicate id "q"'] });
    expect(parseRulesFile('{ not json')).toEqual({ problems: [expect.stringMatching(/^ROUND_RULES_FILE: not JSON/)] });
  });
});
