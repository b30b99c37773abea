import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareIntensity,
  INTENSITIES,
  intensityAtLeast,
  intensityLabel,
  JmaParseError,
  parseIntensity,
  parseJmaXml,
  strongestIntensity,
  type EarthquakeReport,
  type JmaReport,
  type TsunamiReport,
} from '../../src/domain/safety/jma';
import { infoKindFromLink, parseAtomFeed, relevantEntries } from '../../src/domain/safety/jma-feed';
import { prefecturesOfTsunamiArea, TSUNAMI_FORECAST_AREAS, tsunamiKindOf } from '../../src/domain/safety/tsunami-areas';

const OWN = path.resolve(__dirname, '../fixtures/jma');
const SHARED = path.resolve(__dirname, '../../../shared/fixtures/jma');
const own = (file: string): string => readFileSync(path.join(OWN, file), 'utf8');

function quake(report: JmaReport): EarthquakeReport {
  if (report.kind !== 'earthquake') throw new Error(`expected an earthquake report, got ${report.kind}`);
  return report;
}
function tsunami(report: JmaReport): TsunamiReport {
  if (report.kind !== 'tsunami') throw new Error(`expected a tsunami report, got ${report.kind}`);
  return report;
}

describe('intensity', () => {
  it('orders the JMA scale', () => {
    expect(INTENSITIES).toEqual(['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7']);
    expect(compareIntensity('5-', '4')).toBeGreaterThan(0);
    expect(compareIntensity('5+', '6-')).toBeLessThan(0);
    expect(compareIntensity('6+', '6+')).toBe(0);
    expect(intensityAtLeast('5-', '5-')).toBe(true);
    expect(intensityAtLeast('4', '5-')).toBe(false);
    expect(intensityAtLeast('7', '5-')).toBe(true);
    expect(strongestIntensity(['3', undefined, '5+', '5-'])).toBe('5+');
    expect(strongestIntensity([])).toBeUndefined();
  });

  it('reads JMA and Japanese notations', () => {
    expect(parseIntensity('5-')).toBe('5-');
    expect(parseIntensity('4 ')).toBe('4'); // as published in a real VXSE53
    expect(parseIntensity('震度５弱')).toBe('5-');
    expect(parseIntensity('震度５強')).toBe('5+');
    expect(parseIntensity('６弱')).toBe('6-');
    expect(parseIntensity('6強')).toBe('6+');
    expect(parseIntensity('震度７')).toBe('7');
    expect(parseIntensity('５－')).toBe('5-');
    expect(parseIntensity('震度５弱以上未入電')).toBeUndefined();
    expect(parseIntensity('0')).toBeUndefined();
    expect(parseIntensity(undefined)).toBeUndefined();
  });

  it('labels in both languages', () => {
    expect(intensityLabel('5-', 'ja')).toBe('震度5弱');
    expect(intensityLabel('6+', 'ja')).toBe('震度6強');
    expect(intensityLabel('4', 'ja')).toBe('震度4');
    expect(intensityLabel('5+', 'en')).toBe('intensity 5 upper');
    expect(intensityLabel('7', 'en')).toBe('intensity 7');
  });
});

describe('parseJmaXml on our own fixtures', () => {
  it('reads a VXSE53 発表', () => {
    const r = quake(parseJmaXml(own('vxse53-issue.xml')));
    expect(r).toMatchObject({
      infoKind: 'VXSE53',
      title: '震源・震度に関する情報',
      headTitle: '震源・震度情報',
      status: '通常',
      infoType: '発表',
      eventId: '20240315101500',
      reportDateTime: '2024-03-15T10:20:00+09:00',
      serial: 1,
      maxIntensity: '5-',
      hypocenter: '東京湾',
      originTime: '2024-03-15T10:15:00+09:00',
      magnitude: 5.5,
    });
    expect(r.prefectures).toEqual([
      { code: '13', name: '東京都', maxIntensity: '5-' },
      { code: '14', name: '神奈川県', maxIntensity: '3' },
    ]);
  });

  it('reads a 取消 without a body', () => {
    const r = quake(parseJmaXml(own('vxse53-cancel.xml')));
    expect(r).toMatchObject({ infoType: '取消', eventId: '20240315101500', serial: 2, prefectures: [] });
    expect(r.maxIntensity).toBeUndefined();
  });

  it('keeps the status of drills and tests; an empty Serial is undefined', () => {
    expect(parseJmaXml(own('vxse51-drill.xml'))).toMatchObject({ infoKind: 'VXSE51', status: '訓練', serial: undefined });
    expect(parseJmaXml(own('vxse51-test.xml'))).toMatchObject({ infoKind: 'VXSE51', status: '試験' });
  });

  it('reads VTSE41 areas with their prefectures', () => {
    const r = tsunami(parseJmaXml(own('vtse41-warning.xml')));
    expect(r).toMatchObject({ infoKind: 'VTSE41', status: '通常', eventId: '20240315101500', serial: undefined });
    expect(r.areas).toEqual([
      { code: '312', name: '東京湾内湾', kind: 'warning', kindCode: '51', prefectureCodes: ['12', '13', '14'] },
      { code: '330', name: '相模湾・三浦半島', kind: 'advisory', kindCode: '62', prefectureCodes: ['14'] },
      { code: '310', name: '千葉県九十九里・外房', kind: 'forecast', kindCode: '71', prefectureCodes: ['12'] },
    ]);
    expect(r.unknownAreaCodes).toEqual([]);
  });

  it('reports forecast areas missing from the table', () => {
    const xml = own('vtse41-warning.xml').replaceAll('<Code>330</Code>', '<Code>999</Code>');
    const r = tsunami(parseJmaXml(xml));
    expect(r.unknownAreaCodes).toEqual(['999']);
    expect(r.areas.find((a) => a.code === '999')?.prefectureCodes).toEqual([]);
  });

  it('counts "≥5弱 not yet received" as 5弱', () => {
    const xml = own('vxse53-issue.xml').replace(
      '<Pref><Name>神奈川県</Name><Code>14</Code><MaxInt>3</MaxInt>',
      '<Pref><Name>神奈川県</Name><Code>14</Code><MaxInt>3</MaxInt><Area><Name>神奈川県西部</Name><Code>361</Code>' +
        '<City><Name>小田原市</Name><Code>1420600</Code><Condition>震度５弱以上未入電</Condition></City></Area>',
    );
    expect(quake(parseJmaXml(xml)).prefectures[1]).toEqual({ code: '14', name: '神奈川県', maxIntensity: '5-' });
  });

  it('treats other telegrams as other, keeping their status', () => {
    const xml = own('vxse51-test.xml').replace('<Title>震度速報</Title>', '<Title>緊急地震速報配信テスト</Title>');
    expect(parseJmaXml(xml)).toEqual({ kind: 'other', title: '緊急地震速報配信テスト', status: '試験' });
  });

  it('rejects malformed XML and reports without an EventID', () => {
    const broken = own('vxse53-issue.xml').slice(0, 900);
    expect(() => parseJmaXml(broken)).toThrow(JmaParseError);
    expect(() => parseJmaXml(broken)).toThrow(expect.objectContaining({ code: 'JMA.INVALID_XML' }));
    const noEvent = own('vxse53-issue.xml').replace('<EventID>20240315101500</EventID>', '');
    expect(() => parseJmaXml(noEvent)).toThrow(expect.objectContaining({ code: 'JMA.MISSING_FIELD' }));
  });
});

describe('tsunami forecast areas', () => {
  it('maps all 66 areas to JIS prefecture codes', () => {
    expect(TSUNAMI_FORECAST_AREAS.size).toBe(66);
    for (const [code, area] of TSUNAMI_FORECAST_AREAS) {
      expect(code).toMatch(/^\d{3}$/);
      expect(area.prefectures.length).toBeGreaterThan(0);
      for (const pref of area.prefectures) expect(Number(pref)).toBeGreaterThanOrEqual(1);
      for (const pref of area.prefectures) expect(pref).toMatch(/^(0[1-9]|[1-3]\d|4[0-7])$/);
    }
    expect(prefecturesOfTsunamiArea('312')).toEqual(['12', '13', '14']);
    expect(prefecturesOfTsunamiArea('800')).toEqual(['47']);
    expect(prefecturesOfTsunamiArea('123')).toEqual([]);
  });

  it('reads Category/Kind codes, and the wording of codes it does not know', () => {
    expect(tsunamiKindOf('53', '大津波警報：発表')).toBe('major_warning');
    expect(tsunamiKindOf('52', '大津波警報')).toBe('major_warning');
    expect(tsunamiKindOf('51', '津波警報')).toBe('warning');
    expect(tsunamiKindOf('62', '津波注意報')).toBe('advisory');
    expect(tsunamiKindOf('71', '津波予報（若干の海面変動）')).toBe('forecast');
    expect(tsunamiKindOf('00', '津波なし')).toBe('none');
    expect(tsunamiKindOf('50', '警報解除')).toBe('none');
    expect(tsunamiKindOf('99', '津波警報')).toBe('warning');
    expect(tsunamiKindOf('98', '津波注意報解除')).toBe('none');
  });
});

describe('Atom feed', () => {
  const feed = parseAtomFeed(own('eqvol.xml'));

  it('reads the feed and its entries', () => {
    expect(feed.updated).toBe('2024-03-15T10:36:05+09:00');
    expect(feed.entries).toHaveLength(6);
    expect(feed.entries[0]).toEqual({
      id: 'https://www.data.jma.go.jp/developer/xml/data/20240315013500_0_VXSE53_010000.xml',
      title: '震源・震度に関する情報',
      updated: '2024-03-15T01:35:00Z',
      link: 'https://www.data.jma.go.jp/developer/xml/data/20240315013500_0_VXSE53_010000.xml',
      author: '気象庁',
    });
  });

  it('keeps VXSE51/VXSE53/VTSE41 not seen yet, oldest first', () => {
    const kinds = (seen: Set<string>): string[] => relevantEntries(feed, seen).map((e) => `${e.infoKind}@${e.updated}`);
    expect(kinds(new Set())).toEqual([
      'VXSE51@2024-03-15T01:17:00Z',
      'VTSE41@2024-03-15T01:18:00Z',
      'VXSE53@2024-03-15T01:20:00Z',
      'VXSE53@2024-03-15T01:35:00Z',
    ]);
    const seen = new Set(feed.entries.slice(2).map((e) => e.id));
    expect(kinds(seen)).toEqual(['VXSE53@2024-03-15T01:35:00Z']);
  });

  it('finds the info kind in the document file name', () => {
    expect(infoKindFromLink('https://x/data/20240315013500_0_VXSE53_010000.xml')).toBe('VXSE53');
    expect(infoKindFromLink('20231009064018_06274659_VTSE41.xml')).toBe('VTSE41');
    expect(infoKindFromLink('https://x/data/feed.xml')).toBeUndefined();
  });

  it('rejects what is not an Atom feed', () => {
    expect(() => parseAtomFeed(own('vxse53-issue.xml'))).toThrow(JmaParseError);
    expect(() => parseAtomFeed('<feed><entry>')).toThrow(JmaParseError);
  });
});

/** What each real sample must read as (README of the shared folder, checked against the files). */
type Sample = [file: string, infoKind: string, status: string, infoType: string, eventId: string, maxIntensity?: string];
const REAL_SAMPLES: Sample[] = [
  ['32-35_06_03_100915_VXSE53.xml', 'VXSE53', '通常', '発表', '20080614084350', '6+'],
  ['32-35_06_06_100915_VXSE53.xml', 'VXSE53', '通常', '取消', '20080614084350'],
  ['32-35_01_03_100806_VXSE53.xml', 'VXSE53', '訓練', '発表', '20091001134500', '5-'],
  ['32-35_01_02_100514_VXSE52.xml', 'VXSE52', '訓練', '発表', '20091001134500'],
  ['32-35_07_01_100915_VXSE51.xml', 'VXSE51', '通常', '発表', '20090811050711', '6-'],
  ['20210216071046_0_VXSE53_270000.xml', 'VXSE53', '通常', '発表', '20210216160714', '1'],
  ['20231120170318_06797589_VXSE53.xml', 'VXSE53', '通常', '発表', '20231120153000'],
  ['32-39_11_02_120615_VTSE41.xml', 'VTSE41', '通常', '発表', '20110311144640'],
  ['32-39_12_02_191025_VTSE41.xml', 'VTSE41', '訓練', '発表', '20160901071000'],
  ['20231009064018_06274659_VTSE41.xml', 'VTSE41', '通常', '発表', '20231009052500'],
];
const OTHER_SAMPLE = '54_01_01_100514_VXSE42.xml'; // 緊急地震速報配信テスト, 試験

describe('parseJmaXml on the real JMA samples', () => {
  if (!existsSync(SHARED)) {
    const missing = `real JMA samples not found at ${SHARED}`;
    if (process.env.CI === 'true') it('needs the shared samples in CI', () => expect.fail(missing));
    else it.skip(`skipped: ${missing} (this fails when CI=true)`, () => undefined);
    return;
  }
  const read = (file: string): string => readFileSync(path.join(SHARED, file), 'utf8');

  it('has an expectation for every sample', () => {
    const expected = [...REAL_SAMPLES.map(([file]) => file), OTHER_SAMPLE].sort();
    expect(readdirSync(SHARED).filter((f) => f.endsWith('.xml')).sort()).toEqual(expected);
  });

  it.each(REAL_SAMPLES)('%s', (file, infoKind, status, infoType, eventId, maxIntensity) => {
    const report = parseJmaXml(read(file));
    expect(report).toMatchObject({ kind: infoKind === 'VTSE41' ? 'tsunami' : 'earthquake', infoKind, status, infoType, eventId });
    if (report.kind === 'earthquake') expect(report.maxIntensity).toBe(maxIntensity);
  });

  it(OTHER_SAMPLE, () => {
    expect(parseJmaXml(read(OTHER_SAMPLE))).toEqual({ kind: 'other', title: '緊急地震速報配信テスト', status: '試験' });
  });

  it('reads the prefectures of the 2008 Iwate–Miyagi quake', () => {
    const r = quake(parseJmaXml(read('32-35_06_03_100915_VXSE53.xml')));
    expect(r).toMatchObject({ hypocenter: '岩手県内陸南部', magnitude: 7, originTime: '2008-06-14T08:43:00+09:00', serial: 1 });
    const strong = r.prefectures.filter((p) => intensityAtLeast(p.maxIntensity, '5-')).map((p) => `${p.code}:${p.maxIntensity}`);
    expect(strong).toEqual(['03:6+', '04:6+', '05:5+', '06:5-', '07:5-']);
    expect(r.prefectures.find((p) => p.code === '01')).toEqual({ code: '01', name: '北海道', maxIntensity: '3' });
  });

  it('reads padded intensities ("4 ") in the drill sample', () => {
    const r = quake(parseJmaXml(read('32-35_01_03_100806_VXSE53.xml')));
    expect(r.prefectures.find((p) => p.code === '14')?.maxIntensity).toBe('4');
  });

  it('maps every tsunami forecast area of the samples', () => {
    for (const [file] of REAL_SAMPLES.filter(([, infoKind]) => infoKind === 'VTSE41')) {
      const r = tsunami(parseJmaXml(read(file)));
      expect(r.unknownAreaCodes).toEqual([]);
      for (const area of r.areas) expect(area.prefectureCodes.length).toBeGreaterThan(0);
    }
    const drill = tsunami(parseJmaXml(read('32-39_12_02_191025_VTSE41.xml')));
    expect(new Set(drill.areas.map((a) => a.code))).toEqual(new Set(TSUNAMI_FORECAST_AREAS.keys()));
    for (const area of drill.areas) expect(area.name).toBe(TSUNAMI_FORECAST_AREAS.get(area.code)?.name);
    const y2011 = tsunami(parseJmaXml(read('32-39_11_02_120615_VTSE41.xml')));
    expect(y2011.areas.find((a) => a.code === '210')).toMatchObject({ kind: 'major_warning', kindCode: '53', prefectureCodes: ['03'] });
    expect(y2011.areas.find((a) => a.code === '320')).toMatchObject({ kind: 'warning', kindCode: '51', prefectureCodes: ['13'] });
  });
});
