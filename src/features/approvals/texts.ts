import { fieldLabelFrom, messageLookup, textCatalog } from '../../cards/texts';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every approvals text in both languages: the card renderer's `t`, and `approvalText` for texts code fills in. */
export const APPROVAL_TEXTS = textCatalog(ja, en);
export type ApprovalTextKey = keyof typeof ja.msg;

export const approvalText = messageLookup(APPROVAL_TEXTS);

/**
 * The label the request and decision cards show next to an input, for the error card that lists
 * invalid ones. `reason` is on both request cards: the private-PC one (required) names it.
 */
export const approvalFieldLabel = fieldLabelFrom((locale) => {
  const { privatePc, paper, approvalDecision: decision } = APPROVAL_TEXTS[locale];
  return {
    declNonPublicLine: privatePc.declNonPublicLine, declUpdates: privatePc.declUpdates, declBrowserOnly: privatePc.declBrowserOnly, reason: privatePc.reasonLabel,
    documents: paper.documentsLabel, customer: paper.customerLabel, until: paper.untilLabel, customerConsent: paper.customerConsent, noCopies: paper.noCopies,
    comment: decision.commentLabel, approvedUntil: decision.periodLabel,
  };
});
