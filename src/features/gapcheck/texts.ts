import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every gapcheck text in both languages: the card renderer's `t`, and `gapcheckText` for texts code fills in. */
export const GAPCHECK_TEXTS = textCatalog(ja, en);
export type GapcheckTextKey = keyof typeof ja.msg;

export const gapcheckText = messageLookup(GAPCHECK_TEXTS);
