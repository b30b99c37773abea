import { messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every approvals text in both languages: the card renderer's `t`, and `approvalText` for texts code fills in. */
export const APPROVAL_TEXTS = textCatalog(ja, en);
export type ApprovalTextKey = keyof typeof ja.msg;

export const approvalText = messageLookup(APPROVAL_TEXTS);
