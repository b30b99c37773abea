import type { ViolationKind } from '../../domain/checkins/model';
import type { Locale } from '../../domain/shared/locale';
import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every digests text in both languages: the card renderer's `t`, and `digestText` for texts code fills in. */
export const DIGEST_TEXTS = textCatalog(ja, en);
export type DigestTextKey = keyof typeof ja.msg;

export const digestText = messageLookup(DIGEST_TEXTS);

/** A violation's short label; a kind without one shows its code. */
export const violationLabel = (kind: ViolationKind, locale: Locale): string => (DIGEST_TEXTS[locale].digestViolations as Partial<Record<ViolationKind, string>>)[kind] ?? kind;
export const roundKindLabel = (kind: string, locale: Locale): string => (DIGEST_TEXTS[locale].digestRoundKinds as Readonly<Record<string, string>>)[kind] ?? kind;
