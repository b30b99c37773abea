import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../shared/errors';
import type { Locale } from '../shared/locale';
import { prefecturesOfTsunamiArea, TSUNAMI_FORECAST_AREAS, tsunamiKindOf, type TsunamiKind } from './tsunami-areas';

export type { TsunamiKind } from './tsunami-areas';

/** JMA seismic intensity (震度階級) in the notation of 防災情報XML: '5-' is 5弱, '5+' is 5強. */
export const INTENSITIES = ['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7'] as const;
export type Intensity = (typeof INTENSITIES)[number];

export const JMA_STATUSES = ['通常', '訓練', '試験'] as const;
export type JmaStatus = (typeof JMA_STATUSES)[number];
export const JMA_INFO_TYPES = ['発表', '訂正', '取消'] as const;
export type JmaInfoType = (typeof JMA_INFO_TYPES)[number];

export type QuakeInfoKind = 'VXSE51' | 'VXSE52' | 'VXSE53';

/** Control/Title identifies the telegram type; the document itself never names "VXSE53". */
const INFO_KIND_BY_TITLE: Readonly<Record<string, QuakeInfoKind | 'VTSE41'>> = {
  震度速報: 'VXSE51',
  震源に関する情報: 'VXSE52',
  '震源・震度に関する情報': 'VXSE53',
  '津波警報・注意報・予報a': 'VTSE41',
  '津波警報・注意報・予報': 'VTSE41',
};

/** A station whose data is missing although it measured at least 5弱 (common right after a big quake). */
const UNRECEIVED_5_LOWER = '震度５弱以上未入電';

export interface PrefectureIntensity {
  code: string; // JIS X 0401, two digits ('13')
  name: string;
  maxIntensity: Intensity;
}

export interface TsunamiAreaForecast {
  code: string; // 津波予報区 code, three digits
  name: string;
  kind: TsunamiKind;
  kindCode: string;
  prefectureCodes: string[];
}

interface ReportHeader {
  title: string; // Control/Title
  headTitle: string; // Head/Title, e.g. 遠地地震に関する情報
  status: JmaStatus;
  infoType: JmaInfoType;
  eventId: string;
  reportDateTime: string; // ISO 8601 with offset, as published
  serial: number | undefined;
  headline: string;
  hypocenter?: string;
  originTime?: string;
  magnitude?: number;
}

export interface EarthquakeReport extends ReportHeader {
  kind: 'earthquake';
  infoKind: QuakeInfoKind;
  maxIntensity?: Intensity;
  prefectures: PrefectureIntensity[];
}

export interface TsunamiReport extends ReportHeader {
  kind: 'tsunami';
  infoKind: 'VTSE41';
  areas: TsunamiAreaForecast[];
  /** 津波予報区 codes missing from the area table: their coast could not be matched to employees. */
  unknownAreaCodes: string[];
}

/** Any other telegram; status is kept so that a 試験 message is still recognised as a test. */
export interface OtherReport {
  kind: 'other';
  title: string;
  status?: JmaStatus;
}

export type JmaReport = EarthquakeReport | TsunamiReport | OtherReport;

export const JMA_ERROR_CODES = { invalidXml: 'JMA.INVALID_XML', missingField: 'JMA.MISSING_FIELD' } as const;
export type JmaErrorCode = (typeof JMA_ERROR_CODES)[keyof typeof JMA_ERROR_CODES];

/** The document is not well-formed XML or lacks a field every 防災情報XML report carries. */
export class JmaParseError extends DomainError {
  constructor(
    readonly code: JmaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- intensity ----

function isIntensity(value: string): value is Intensity {
  return (INTENSITIES as readonly string[]).includes(value);
}

/** Reads '5-', '5+', '５弱', '震度６強', ' 4 ' (JMA pads some values), full-width digits; else undefined. */
export function parseIntensity(raw: string | undefined): Intensity | undefined {
  if (raw === undefined) return undefined;
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/^震度/, '').replace('弱', '-').replace('強', '+');
  return isIntensity(s) ? s : undefined;
}

/** Negative, zero or positive like a sort comparator. */
export function compareIntensity(left: Intensity, right: Intensity): number {
  return INTENSITIES.indexOf(left) - INTENSITIES.indexOf(right);
}

export function intensityAtLeast(intensity: Intensity, threshold: Intensity): boolean {
  return compareIntensity(intensity, threshold) >= 0;
}

export function strongestIntensity(values: Iterable<Intensity | undefined>): Intensity | undefined {
  let max: Intensity | undefined;
  for (const v of values) if (v !== undefined && (max === undefined || compareIntensity(v, max) > 0)) max = v;
  return max;
}

/** '震度5弱' / 'intensity 5 lower' — JMA's own English wording. */
export function intensityLabel(intensity: Intensity, locale: Locale): string {
  const [digit, sign] = [intensity.charAt(0), intensity.charAt(1)];
  if (locale === 'ja') return `震度${digit}${sign === '-' ? '弱' : sign === '+' ? '強' : ''}`;
  return `intensity ${digit}${sign === '-' ? ' lower' : sign === '+' ? ' upper' : ''}`;
}

// ---- XML tree navigation (the parser yields untyped objects; these keep `unknown` honest) ----

/** One element, or its first occurrence when the element repeats. */
function one(node: unknown): unknown {
  return Array.isArray(node) ? node[0] : node;
}

/** Every occurrence of an element: the parser gives a single child as an object, many as an array. */
export function all(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

export function get(node: unknown, ...keys: string[]): unknown {
  let current = node;
  for (const key of keys) {
    const n = one(current);
    if (n === null || typeof n !== 'object') return undefined;
    current = (n as Record<string, unknown>)[key];
  }
  return current;
}

export function text(node: unknown): string | undefined {
  const n = one(node);
  if (typeof n === 'string') return n.trim();
  if (typeof n === 'number' || typeof n === 'boolean') return String(n);
  const inner = get(n, '#text');
  return inner === undefined ? undefined : text(inner);
}

export function attribute(node: unknown, name: string): string | undefined {
  return text(get(node, `@_${name}`));
}

/** Well-formedness is checked first because the tolerant parser would otherwise half-read a truncated file. */
export function parseXmlTree(xml: string): unknown {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new JmaParseError(JMA_ERROR_CODES.invalidXml, `Invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    // Codes such as '03' or '00' must stay strings.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const tree: unknown = parser.parse(xml);
  return tree;
}

// ---- reports ----

function required(node: unknown, field: string): string {
  const value = text(node);
  if (value === undefined || value === '') throw new JmaParseError(JMA_ERROR_CODES.missingField, `Missing ${field}`);
  return value;
}

function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new JmaParseError(JMA_ERROR_CODES.missingField, `Unexpected ${field}: ${value}`);
}

function parseHeader(report: unknown, title: string): ReportHeader {
  const head = get(report, 'Head');
  const serial = Number.parseInt(text(get(head, 'Serial')) ?? '', 10);
  const quake = get(report, 'Body', 'Earthquake');
  const magnitude = Number.parseFloat(text(get(quake, 'Magnitude')) ?? '');
  const header: ReportHeader = {
    title,
    headTitle: text(get(head, 'Title')) ?? title,
    status: oneOf(JMA_STATUSES, required(get(report, 'Control', 'Status'), 'Control/Status'), 'Control/Status'),
    infoType: oneOf(JMA_INFO_TYPES, required(get(head, 'InfoType'), 'Head/InfoType'), 'Head/InfoType'),
    eventId: required(get(head, 'EventID'), 'Head/EventID'),
    reportDateTime: required(get(head, 'ReportDateTime'), 'Head/ReportDateTime'),
    serial: Number.isNaN(serial) ? undefined : serial,
    headline: text(get(head, 'Headline', 'Text')) ?? '',
  };
  const hypocenter = text(get(quake, 'Hypocenter', 'Area', 'Name'));
  const originTime = text(get(quake, 'OriginTime'));
  if (hypocenter) header.hypocenter = hypocenter;
  if (originTime) header.originTime = originTime;
  // JMA writes NaN when the magnitude is unknown (far-away or huge quakes).
  if (Number.isFinite(magnitude)) header.magnitude = magnitude;
  return header;
}

function containsUnreceived(node: unknown): boolean {
  if (typeof node === 'string') return node.trim() === UNRECEIVED_5_LOWER;
  if (node !== null && typeof node === 'object') return Object.values(node).some(containsUnreceived);
  return false;
}

function parsePrefecture(pref: unknown): PrefectureIntensity | undefined {
  const code = text(get(pref, 'Code'));
  if (!code) return undefined;
  // "≥5弱, not yet received" stations are left out of the published MaxInt: count them as 5弱, the
  // least they can be, rather than under-report the prefecture.
  const maxIntensity = strongestIntensity([
    parseIntensity(text(get(pref, 'MaxInt'))),
    ...all(get(pref, 'Area')).map((a) => parseIntensity(text(get(a, 'MaxInt')))),
    containsUnreceived(pref) ? '5-' : undefined,
  ]);
  if (!maxIntensity) return undefined;
  return { code: code.padStart(2, '0'), name: text(get(pref, 'Name')) ?? '', maxIntensity };
}

function parseEarthquake(report: unknown, header: ReportHeader, infoKind: QuakeInfoKind): EarthquakeReport {
  const observation = get(report, 'Body', 'Intensity', 'Observation');
  const prefectures = all(get(observation, 'Pref'))
    .map(parsePrefecture)
    .filter((p): p is PrefectureIntensity => p !== undefined);
  const result: EarthquakeReport = { kind: 'earthquake', infoKind, ...header, prefectures };
  const maxIntensity = strongestIntensity([
    parseIntensity(text(get(observation, 'MaxInt'))),
    ...prefectures.map((p) => p.maxIntensity),
  ]);
  if (maxIntensity) result.maxIntensity = maxIntensity;
  return result;
}

function parseTsunami(report: unknown, header: ReportHeader): TsunamiReport {
  const areas: TsunamiAreaForecast[] = [];
  const unknownAreaCodes: string[] = [];
  for (const item of all(get(report, 'Body', 'Tsunami', 'Forecast', 'Item'))) {
    const code = text(get(item, 'Area', 'Code'));
    if (!code) continue;
    const kindNode = get(item, 'Category', 'Kind');
    const kindCode = text(get(kindNode, 'Code')) ?? '';
    if (!TSUNAMI_FORECAST_AREAS.has(code)) unknownAreaCodes.push(code);
    areas.push({
      code,
      name: text(get(item, 'Area', 'Name')) ?? '',
      kind: tsunamiKindOf(kindCode, text(get(kindNode, 'Name')) ?? ''),
      kindCode,
      prefectureCodes: [...prefecturesOfTsunamiArea(code)],
    });
  }
  return { kind: 'tsunami', infoKind: 'VTSE41', ...header, areas, unknownAreaCodes };
}

/**
 * Reads one 気象庁防災情報XML document. Earthquake (VXSE51/52/53) and tsunami (VTSE41) reports are
 * read in full; any other telegram becomes `{ kind: 'other' }`. Throws `JmaParseError` when the XML is
 * malformed or a relevant report lacks its identifying fields.
 */
export function parseJmaXml(xml: string): JmaReport {
  const report = get(parseXmlTree(xml), 'Report');
  const title = text(get(report, 'Control', 'Title')) ?? '';
  const infoKind = INFO_KIND_BY_TITLE[title];
  if (!infoKind) {
    const status = text(get(report, 'Control', 'Status')) ?? '';
    const other: OtherReport = { kind: 'other', title };
    if ((JMA_STATUSES as readonly string[]).includes(status)) other.status = status as JmaStatus;
    return other;
  }
  const header = parseHeader(report, title);
  return infoKind === 'VTSE41' ? parseTsunami(report, header) : parseEarthquake(report, header, infoKind);
}
