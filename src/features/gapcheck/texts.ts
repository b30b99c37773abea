import { fieldLabelFrom, messageLookup, textCatalog } from '../../cards/texts';
import type { Localized } from '../../domain/shared/locale';
import type { GapReason } from './repository';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every gapcheck text in both languages: the card renderer's `t`, and `gapcheckText` for texts code fills in. */
export const GAPCHECK_TEXTS = textCatalog(ja, en);

export const gapcheckText = messageLookup(GAPCHECK_TEXTS);

/** The label the gap-reason card shows next to an input, for the error card that lists invalid ones. */
export const gapcheckFieldLabel = fieldLabelFrom((locale) => {
  const card = GAPCHECK_TEXTS[locale].gapReason;
  return { reason: card.reasonLabel, note: card.noteLabel };
});

/** A reason the person chose, as text in both languages (the manager digest shows it in the manager's). */
export const gapReasonText = (reason: GapReason): Localized => ({ ja: GAPCHECK_TEXTS.ja.gapReason.reasons[reason], en: GAPCHECK_TEXTS.en.gapReason.reasons[reason] });
