import type { Locale } from '../../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/** Text of the approval cards, for one language; templates read it as `${t.privatePc.title}`. */
export type ApprovalStrings = typeof ja;

/** A missing translation is a compile error: both entries must be complete `ApprovalStrings`. */
export const APPROVAL_STRINGS: Readonly<Record<Locale, ApprovalStrings>> = Object.freeze({ ja, en });
