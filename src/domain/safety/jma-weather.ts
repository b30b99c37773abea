import { all, attribute, get, JMA_ERROR_CODES, JMA_INFO_TYPES, JMA_STATUSES, JmaParseError, parseJmaXml, parseXmlTree, text, type JmaInfoType, type JmaReport, type JmaStatus } from './jma';
import type { SpecialWarningKind } from './rules';

/**
 * 特別警報 from the JMA extra feed (extra.xml). One issuance arrives as two or three telegrams of
 * different formats within seconds — VPWW53 気象特別警報・警報・注意報, VPWW54 気象警報・注意報（Ｈ２７）,
 * VPNO50 気象特別警報報知, and since 2026 the per-phenomenon 気象警報・注意報（Ｒ０６）（…） — all with an
 * empty EventID. They are read into one shape, and `weatherIssuanceKey` makes the copies one event.
 */
export interface WeatherReport {
  kind: 'weather';
  title: string;
  status: JmaStatus;
  infoType: JmaInfoType;
  /** Head/ReportDateTime as published (ISO 8601 with offset); the same in every copy of one issuance. */
  reportDateTime: string;
  headline: string;
  /** Prefectures (JIS codes) under a 特別警報 in this telegram, with its kinds. */
  issued: { code: string; kinds: SpecialWarningKind[] }[];
  /** Prefectures whose 特別警報 was lifted or switched down to a warning (解除). */
  released: string[];
}

export type AnyJmaReport = JmaReport | WeatherReport;

/** Kind/Code of the 特別警報 (気象庁防災情報XML code table 気象警報・注意報種別; the R06 format keeps the codes). */
const SPECIAL_BY_CODE: Readonly<Record<string, SpecialWarningKind>> = {
  '32': 'snowstorm', // 暴風雪特別警報
  '33': 'heavy_rain', // 大雨特別警報 / レベル５大雨特別警報
  '35': 'storm', // 暴風特別警報
  '36': 'heavy_snow', // 大雪特別警報
  '37': 'high_waves', // 波浪特別警報
  '38': 'storm_surge', // 高潮特別警報 / レベル５高潮特別警報
};
const RELEASED = '00'; // Kind 解除

const SUMMARY_TITLES = ['気象特別警報・警報・注意報', '気象警報・注意報（Ｈ２７）', '気象特別警報報知'];

/** The weather telegrams that can carry a 特別警報 for a prefecture (not the national 集約通報 or time series). */
function isWeatherWarningTitle(title: string): boolean {
  if (SUMMARY_TITLES.includes(title)) return true;
  return title.startsWith('気象警報・注意報（Ｒ０６）（') && !title.includes('集約通報');
}

const prefectureOf = (areaCode: string): string | undefined => (/^\d{6}$/.test(areaCode) ? areaCode.slice(0, 2) : undefined);
const isPrefectureLevel = (node: unknown) => (attribute(node, 'type') ?? '').endsWith('（府県予報区等）');

function kindsOf(item: unknown): { code: string; lastCode?: string; status: string }[] {
  return all(get(item, 'Kind')).map((kind) => ({
    code: text(get(kind, 'Code')) ?? '',
    lastCode: text(get(kind, 'LastKind', 'Code')),
    status: text(get(kind, 'Status')) ?? '',
  }));
}

/** Reads one weather-warning telegram; throws `JmaParseError` when it lacks its identifying fields. */
function parseWeatherXml(xml: string): WeatherReport {
  const report = get(parseXmlTree(xml), 'Report');
  const title = text(get(report, 'Control', 'Title')) ?? '';
  const head = get(report, 'Head');
  const field = <T extends string>(values: readonly T[], node: unknown, name: string): T => {
    const value = text(node) ?? '';
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new JmaParseError(JMA_ERROR_CODES.missingField, `Unexpected or missing ${name}: ${value}`);
  };
  const reportDateTime = text(get(head, 'ReportDateTime'));
  if (!reportDateTime) throw new JmaParseError(JMA_ERROR_CODES.missingField, 'Missing Head/ReportDateTime');
  const issued = new Map<string, Set<SpecialWarningKind>>();
  const released = new Set<string>();
  const note = (areaCodes: string[], codes: { code: string; lastCode?: string; status: string }[]) => {
    for (const pref of areaCodes.map(prefectureOf).filter((c): c is string => c !== undefined)) {
      for (const k of codes) {
        const special = SPECIAL_BY_CODE[k.code];
        if (special) issued.set(pref, (issued.get(pref) ?? new Set()).add(special));
        // 解除 (VPNO50), or a Body item whose last kind was a 特別警報 and now is not ("特別警報から警報").
        else if (k.code === RELEASED || (k.lastCode !== undefined && SPECIAL_BY_CODE[k.lastCode])) released.add(pref);
      }
    }
  };
  for (const info of all(get(head, 'Headline', 'Information')).filter(isPrefectureLevel)) {
    for (const item of all(get(info, 'Item'))) note(all(get(item, 'Areas', 'Area')).map((a) => text(get(a, 'Code')) ?? ''), kindsOf(item));
  }
  for (const warning of all(get(report, 'Body', 'Warning')).filter(isPrefectureLevel)) {
    for (const item of all(get(warning, 'Item'))) note([text(get(item, 'Area', 'Code')) ?? ''], kindsOf(item));
  }
  for (const code of issued.keys()) released.delete(code);
  return {
    kind: 'weather',
    title,
    status: field(JMA_STATUSES, get(report, 'Control', 'Status'), 'Control/Status'),
    infoType: field(JMA_INFO_TYPES, get(head, 'InfoType'), 'Head/InfoType'),
    reportDateTime,
    headline: text(get(head, 'Headline', 'Text')) ?? '',
    issued: [...issued].sort(([a], [b]) => a.localeCompare(b)).map(([code, kinds]) => ({ code, kinds: [...kinds].sort() })),
    released: [...released].sort(),
  };
}

/** Any 防災情報XML document the app acts on: quakes and tsunamis (jma.ts) or weather warnings. */
export function parseJmaReport(xml: string): AnyJmaReport {
  const title = text(get(get(parseXmlTree(xml), 'Report'), 'Control', 'Title')) ?? '';
  return isWeatherWarningTitle(title) ? parseWeatherXml(xml) : parseJmaXml(xml);
}

/**
 * One issuance, whatever copy: the prefectures, the 特別警報 kinds and the report time. Not the title
 * (every copy has its own) and not the EventID (empty for weather warnings).
 */
export function weatherIssuanceKey(prefectures: readonly string[], kinds: readonly string[], reportDateTime: string): string {
  const at = Date.parse(reportDateTime);
  return `weather:${[...prefectures].sort().join('+')}:${[...new Set(kinds)].sort().join('+')}:${Number.isNaN(at) ? reportDateTime : new Date(at).toISOString()}`;
}
