/**
 * 津波予報区 (JMA tsunami forecast areas, code table 「津波予報区」) → JIS prefecture codes.
 *
 * Tsunami warnings name coastal forecast areas, not prefectures, while employees are recorded by
 * prefecture; this table is the bridge. It lists the 66 areas in force since 2013. An area that
 * borders several prefectures lists all of them, because a round that asks a few people too many is
 * cheaper than one that misses people on the affected coast.
 */
export interface TsunamiForecastArea {
  readonly name: string;
  readonly prefectures: readonly string[];
}

const AREAS: ReadonlyArray<readonly [code: string, name: string, prefectures: readonly string[]]> = [
  ['100', '北海道太平洋沿岸東部', ['01']],
  ['101', '北海道太平洋沿岸中部', ['01']],
  ['102', '北海道太平洋沿岸西部', ['01']],
  ['110', '北海道日本海沿岸北部', ['01']],
  ['111', '北海道日本海沿岸南部', ['01']],
  ['120', 'オホーツク海沿岸', ['01']],
  ['200', '青森県日本海沿岸', ['02']],
  ['201', '青森県太平洋沿岸', ['02']],
  ['202', '陸奥湾', ['02']],
  ['210', '岩手県', ['03']],
  ['220', '宮城県', ['04']],
  ['230', '秋田県', ['05']],
  ['240', '山形県', ['06']],
  ['250', '福島県', ['07']],
  ['300', '茨城県', ['08']],
  ['310', '千葉県九十九里・外房', ['12']],
  ['311', '千葉県内房', ['12']],
  // The inner bay is shared by Chiba (north of Futtsu), Tokyo and Kanagawa (north of Kannonzaki).
  ['312', '東京湾内湾', ['12', '13', '14']],
  ['320', '伊豆諸島', ['13']],
  ['321', '小笠原諸島', ['13']],
  ['330', '相模湾・三浦半島', ['14']],
  ['340', '新潟県上中下越', ['15']],
  ['341', '佐渡', ['15']],
  ['350', '富山県', ['16']],
  ['360', '石川県能登', ['17']],
  ['361', '石川県加賀', ['17']],
  ['370', '福井県', ['18']],
  ['380', '静岡県', ['22']],
  ['390', '愛知県外海', ['23']],
  // Ise Bay and Mikawa Bay: the Aichi coast and the northern Mie coast.
  ['391', '伊勢・三河湾', ['23', '24']],
  ['400', '三重県南部', ['24']],
  ['500', '京都府', ['26']],
  ['510', '大阪府', ['27']],
  ['520', '兵庫県北部', ['28']],
  ['521', '兵庫県瀬戸内海沿岸', ['28']],
  ['522', '淡路島南部', ['28']],
  ['530', '和歌山県', ['30']],
  ['540', '鳥取県', ['31']],
  ['550', '島根県出雲・石見', ['32']],
  ['551', '隠岐', ['32']],
  ['560', '岡山県', ['33']],
  ['570', '広島県', ['34']],
  ['580', '徳島県', ['36']],
  ['590', '香川県', ['37']],
  ['600', '愛媛県宇和海沿岸', ['38']],
  ['601', '愛媛県瀬戸内海沿岸', ['38']],
  ['610', '高知県', ['39']],
  ['700', '山口県日本海沿岸', ['35']],
  ['701', '山口県瀬戸内海沿岸', ['35']],
  ['710', '福岡県瀬戸内海沿岸', ['40']],
  ['711', '福岡県日本海沿岸', ['40']],
  // Ariake Sea and Yatsushiro Sea: Fukuoka, Saga, Nagasaki (Shimabara), Kumamoto and the Kagoshima
  // shore of the Yatsushiro Sea (Izumi, Nagashima).
  ['712', '有明・八代海', ['40', '41', '42', '43', '46']],
  ['720', '佐賀県北部', ['41']],
  ['730', '長崎県西方', ['42']],
  ['731', '壱岐・対馬', ['42']],
  ['740', '熊本県天草灘沿岸', ['43']],
  ['750', '大分県瀬戸内海沿岸', ['44']],
  ['751', '大分県豊後水道沿岸', ['44']],
  ['760', '宮崎県', ['45']],
  ['770', '鹿児島県東部', ['46']],
  ['771', '種子島・屋久島地方', ['46']],
  ['772', '奄美群島・トカラ列島', ['46']],
  ['773', '鹿児島県西部', ['46']],
  ['800', '沖縄本島地方', ['47']],
  ['801', '大東島地方', ['47']],
  ['802', '宮古島・八重山地方', ['47']],
];

export const TSUNAMI_FORECAST_AREAS: ReadonlyMap<string, TsunamiForecastArea> = new Map(
  AREAS.map(([code, name, prefectures]) => [code, Object.freeze({ name, prefectures: Object.freeze([...prefectures]) })]),
);

/**
 * JIS prefecture codes of a 津波予報区; `[]` for a code this table does not know (JMA may add or
 * renumber areas), which the parser reports so that an operator can extend the table.
 */
export function prefecturesOfTsunamiArea(code: string): readonly string[] {
  return TSUNAMI_FORECAST_AREAS.get(code.trim())?.prefectures ?? [];
}

export type TsunamiKind = 'major_warning' | 'warning' | 'advisory' | 'forecast' | 'none';

/** Code table 警報等情報要素／津波警報・注意報・予報. */
const TSUNAMI_KIND_BY_CODE: Readonly<Record<string, TsunamiKind>> = {
  '52': 'major_warning', // 大津波警報
  '53': 'major_warning', // 大津波警報：発表 (newly issued)
  '51': 'warning', // 津波警報
  '62': 'advisory', // 津波注意報
  '71': 'forecast', // 津波予報（若干の海面変動）
  '72': 'forecast',
  '73': 'forecast',
  '00': 'none', // 津波なし
  '50': 'none', // 警報解除
  '60': 'none', // 津波注意報解除
};

/** The level of a Category/Kind; a code newer than this table falls back on its wording. */
export function tsunamiKindOf(code: string, name: string): TsunamiKind {
  const known = TSUNAMI_KIND_BY_CODE[code.trim()];
  if (known) return known;
  if (name.includes('解除')) return 'none';
  if (name.includes('大津波警報')) return 'major_warning';
  if (name.includes('津波警報')) return 'warning';
  if (name.includes('津波注意報')) return 'advisory';
  return name.includes('津波予報') ? 'forecast' : 'none';
}
