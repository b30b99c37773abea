import type { Locale } from '../../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/** Text of the digest cards, for one language; templates read it as `${t.digest.title}`. */
export interface DigestStrings {
  digest: {
    wellbeingTitle: string;
    privacy: string;
    csv: string;
    incidentTitle: string;
  };
  overtimeNotice: {
    title: string;
    intro: string;
    total: string;
    overtime: string;
    holiday: string;
    howTitle: string;
    how: string;
    rule: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `DigestStrings`. */
export const DIGEST_STRINGS: Readonly<Record<Locale, DigestStrings>> = Object.freeze({ ja, en });
