import { describe, expect, it } from 'vitest';
import { prefectureFromAddress, type DirectoryAddress } from '../../src/domain/people/prefecture';

const cases: [DirectoryAddress, string | undefined][] = [
  // State in kanji, romaji, with or without the suffix, with macrons, long vowels spelled out, old romanization.
  [{ state: '東京都' }, '13'], [{ state: 'Tokyo' }, '13'], [{ state: 'Tōkyō-to' }, '13'], [{ state: 'TOKYO METROPOLIS' }, '13'],
  [{ state: '京都府' }, '26'], [{ state: 'Kyoto' }, '26'], [{ state: 'Kyoto-fu' }, '26'], [{ state: '京都' }, '26'],
  [{ state: 'Osaka Prefecture' }, '27'], [{ state: 'Ōsaka' }, '27'], [{ state: 'Hyōgo' }, '28'], [{ state: 'Hyougo-ken' }, '28'],
  [{ state: 'Kouchi' }, '39'], [{ state: 'Ooita' }, '44'], [{ state: 'Gumma' }, '10'], [{ state: '北海道' }, '01'], [{ state: 'Hokkaidō' }, '01'],
  [{ state: '神奈川県' }, '14'], [{ state: '東京都千代田区' }, '13'], [{ state: 'Mie' }, '24'], [{ state: 'Kagoshima-ken' }, '46'],
  // Cities and wards, alone or as the start of an address; ambiguous names give nothing.
  [{ city: '札幌市' }, '01'], [{ city: 'Sapporo-shi' }, '01'], [{ city: 'Minato-ku, Tokyo' }, '13'], [{ city: '港区' }, undefined],
  [{ city: '大阪市北区' }, '27'], [{ city: '横浜市港北区' }, '14'], [{ city: '千代田区丸の内1-1' }, '13'], [{ city: '四日市市' }, '24'],
  [{ city: '市川市' }, '12'], [{ city: 'Kawasaki City' }, '14'], [{ city: 'Tsu-shi' }, '24'], [{ city: '都城市' }, '45'],
  [{ city: 'Shibuya-ku' }, '13'], [{ city: 'Fuchu' }, undefined],
  // Office location as the last resort; two prefectures named means none.
  [{ officeLocation: '東京本社 12F' }, '13'], [{ officeLocation: 'Osaka Branch' }, '27'], [{ officeLocation: 'Tokyo / Osaka' }, undefined],
  // Not Japan.
  [{ state: 'Washington', city: 'Redmond' }, undefined], [{ state: 'Tokyo', usageLocation: 'US' }, undefined], [{ state: 'Kanagawa', usageLocation: 'jp' }, '14'],
];

describe('prefecture from a directory address', () => {
  it.each(cases)('%j → %s', (address, code) => {
    expect(prefectureFromAddress(address)).toBe(code);
  });

  it('prefers the state over the city and the city over the office location', () => {
    expect(prefectureFromAddress({ state: 'Chiba', city: 'Yokohama', officeLocation: 'Osaka' })).toBe('12');
    expect(prefectureFromAddress({ state: 'Somewhere', city: 'Yokohama', officeLocation: 'Osaka' })).toBe('14');
    expect(prefectureFromAddress({ state: null, city: null, officeLocation: 'Osaka' })).toBe('27');
  });
});
