import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every guideline text in both languages: the card renderer's `t`, and `guidelineText` for texts code fills in. */
export const GUIDELINE_TEXTS = textCatalog(ja, en);
type GuidelineTextKey = keyof typeof ja.msg;

export const guidelineText = messageLookup<GuidelineTextKey>(GUIDELINE_TEXTS);
