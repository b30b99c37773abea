import type { Locale } from '../../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';

/** Text of the gap-reason card, for one language; templates read it as `${t.gapReason.title}`. */
export interface GapcheckStrings {
  gapReason: {
    title: string;
    text: string;
    reported: string;
    recorded: string;
    difference: string;
    rule: string;
    reasonLabel: string;
    reasonError: string;
    reasons: { unrecorded_work: string; forgot_to_correct: string; not_working: string; other: string };
    noteLabel: string;
    notePlaceholder: string;
    submit: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `GapcheckStrings`. */
export const GAPCHECK_STRINGS: Readonly<Record<Locale, GapcheckStrings>> = Object.freeze({ ja, en });
