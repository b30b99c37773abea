/**
 * Office prefecture from the address fields a directory holds (Entra ID: state, city, office
 * location). Rounds and the JMA trigger select people by JIS X 0401 code ("01"–"47"), so a
 * directory without a prefecture field still has to yield one. Postal codes are not used: their
 * leading digits cross prefecture borders too often to be trusted.
 */
import { PREFECTURES } from './prefectures';

/**
 * Cities and Tokyo wards whose name alone says the prefecture: the designated cities, the capitals
 * not named like their prefecture and large office towns. Names shared by places in two
 * prefectures (Minato, Chuo, Kita, Fuchu, Tama…) are left out on purpose.
 */
const CITIES: Readonly<Record<string, string>> = {
  '01': 'sapporo 札幌 hakodate 函館 asahikawa 旭川 kushiro 釧路 obihiro 帯広 otaru 小樽',
  '02': 'hachinohe 八戸 hirosaki 弘前', '03': 'morioka 盛岡', '04': 'sendai 仙台', '07': 'koriyama 郡山 iwaki いわき',
  '08': 'mito 水戸 tsukuba つくば hitachi 日立', '09': 'utsunomiya 宇都宮', '10': 'maebashi 前橋 takasaki 高崎',
  '11': 'kawagoe 川越 kawaguchi 川口 tokorozawa 所沢 omiya 大宮 koshigaya 越谷',
  '12': 'funabashi 船橋 kashiwa 柏 matsudo 松戸 ichikawa 市川 makuhari 幕張 urayasu 浦安 narita 成田',
  '13': 'chiyoda 千代田 shinjuku 新宿 bunkyo 文京 taito 台東 sumida 墨田 koto 江東 shinagawa 品川 meguro 目黒 大田 ' +
    'setagaya 世田谷 shibuya 渋谷 nakano 中野 suginami 杉並 toshima 豊島 arakawa 荒川 itabashi 板橋 nerima 練馬 ' +
    'adachi 足立 katsushika 葛飾 edogawa 江戸川 hachioji 八王子 tachikawa 立川 musashino 武蔵野 mitaka 三鷹 machida 町田 chofu 調布',
  '14': 'yokohama 横浜 kawasaki 川崎 sagamihara 相模原 yokosuka 横須賀 fujisawa 藤沢 atsugi 厚木 kamakura 鎌倉 hiratsuka 平塚 odawara 小田原',
  '15': 'nagaoka 長岡', '16': 'takaoka 高岡', '17': 'kanazawa 金沢', '19': 'kofu 甲府', '20': 'matsumoto 松本', '21': 'ogaki 大垣',
  '22': 'hamamatsu 浜松 numazu 沼津', '23': 'nagoya 名古屋 toyota 豊田 okazaki 岡崎 toyohashi 豊橋 kariya 刈谷',
  '24': 'tsu 津 yokkaichi 四日市 suzuka 鈴鹿', '25': 'otsu 大津', '26': 'uji 宇治',
  '27': 'sakai 堺 higashiosaka 東大阪 toyonaka 豊中 suita 吹田 takatsuki 高槻 hirakata 枚方 umeda 梅田',
  '28': 'kobe 神戸 himeji 姫路 amagasaki 尼崎 nishinomiya 西宮', '31': 'yonago 米子', '32': 'matsue 松江', '33': 'kurashiki 倉敷',
  '34': 'fukuyama 福山 kure 呉', '35': 'shimonoseki 下関', '37': 'takamatsu 高松', '38': 'matsuyama 松山',
  '40': 'kitakyushu 北九州 kurume 久留米 hakata 博多', '42': 'sasebo 佐世保', '44': 'beppu 別府', '45': 'miyakonojo 都城', '47': 'naha 那覇',
};

/** Other spellings seen in directories: older romanizations and the Japanese suffixes spelled out. */
const ALIASES: Readonly<Record<string, string>> = { gumma: '10', tokio: '13' };
const ROMAJI_SUFFIXES = ['prefecture', 'metropolis', 'pref', 'ken', 'fu', 'to', 'city', 'shi', 'ward', 'ku'];
const KANJI_SUFFIXES = /[都道府県市区町村]$/;

/** Lower-case ASCII without marks, long vowels folded ("Tōkyō", "Toukyou", "TOKYO" → "tokyo"); kanji kept. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/gu, '')
    .replace(/ou|oo/g, 'o')
    .replace(/uu/g, 'u')
    .replace(/oh(?![aeiouy])/g, 'o');
}

const NAMES: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>(Object.entries(ALIASES));
  for (const [code, kanji, english] of PREFECTURES) {
    names.set(english.toLowerCase(), code).set(kanji, code);
    if (code !== '01') names.set(kanji.slice(0, -1), code);
  }
  for (const [code, list] of Object.entries(CITIES)) for (const name of list.split(' ')) names.set(fold(name), code);
  return names;
})();

/** One folded name, as it is or without a suffix such as "-ken", "-shi", "市" or "区". */
function byName(folded: string): string | undefined {
  const exact = NAMES.get(folded);
  if (exact) return exact;
  if (KANJI_SUFFIXES.test(folded)) return NAMES.get(folded.slice(0, -1));
  for (const suffix of ROMAJI_SUFFIXES) {
    if (folded.length > suffix.length + 1 && folded.endsWith(suffix)) {
      const code = NAMES.get(folded.slice(0, -suffix.length));
      if (code) return code;
    }
  }
  return undefined;
}

/** The single code every match in a text agrees on; none when two prefectures are named. */
function agreed(codes: Iterable<string | undefined>): string | undefined {
  const found = new Set([...codes].filter((c): c is string => c !== undefined));
  return found.size === 1 ? [...found][0] : undefined;
}

/** A free-text field: the whole text, a Japanese address ("東京都千代田区…", "横浜市港北区"), or its words ("Minato-ku, Tokyo"). */
function fromText(text: string | null | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  const whole = byName(fold(text));
  if (whole) return whole;
  const kanji = fold(text).replace(/[a-z]/g, '');
  if (kanji) {
    const full = PREFECTURES.find(([, name]) => kanji.startsWith(name));
    if (full) return full[0];
    const head = /^(.+?[市区])/.exec(kanji)?.[1];
    const city = head ? byName(head) : undefined;
    if (city) return city;
    // "東京本社", "大阪支店": a prefecture named inside a longer word, when only one is.
    const inside = agreed(PREFECTURES.map(([code, name]) => (kanji.includes(code === '01' ? name : name.slice(0, -1)) ? code : undefined)));
    if (inside) return inside;
  }
  return agreed(text.split(/[^\p{L}]+/u).map((word) => (word ? byName(fold(word)) : undefined)));
}

export interface DirectoryAddress {
  readonly state?: string | null;
  readonly city?: string | null;
  readonly officeLocation?: string | null;
  /** ISO country of use ("JP"); another country means the address is not Japanese. */
  readonly usageLocation?: string | null;
}

/** The JIS prefecture code an address names: the state first, then the city, then the office location. */
export function prefectureFromAddress(address: DirectoryAddress): string | undefined {
  if (address.usageLocation && address.usageLocation.toUpperCase() !== 'JP') return undefined;
  return fromText(address.state) ?? fromText(address.city) ?? fromText(address.officeLocation);
}
