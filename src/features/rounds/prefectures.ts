import { PREFECTURES, prefectureName } from '../../domain/people/prefectures';
import type { Locale } from '../../domain/shared/locale';
import type { Choice } from './card-data';

export { prefectureName } from '../../domain/people/prefectures';

/** All 47 prefectures in JIS order, as choices of the round form (value = JIS code). */
export function prefectureChoices(locale: Locale): Choice[] {
  return PREFECTURES.map(([code]) => ({ title: prefectureName(code, locale), value: code }));
}
