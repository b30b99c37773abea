import type { Fact, ToggleValue } from '../../cards/types';

/**
 * Data of the approval cards. Display strings (facts, state lines, notes) are localized by the
 * caller (views.ts with texts.ts); the renderer adds the UI strings under `t`.
 */
export const APPROVAL_CARD_NAMES = ['approval-request-private-pc', 'approval-request-paper', 'approval-decision'] as const;
export type ApprovalCardName = (typeof APPROVAL_CARD_NAMES)[number];

/** A form's problems after a refused submit, in the user's language (the answers are kept). */
interface FormFeedback {
  errors?: string[];
}

export interface PrivatePcRequestCardData extends FormFeedback {
  /** e.g. "承認されると 2027年6月1日（火） まで有効です". */
  validity: string;
  /** The range of the last day of use (`YYYY-MM-DD`): today to today + PRIVATE_PC_APPROVAL_MONTHS. */
  minDate: string;
  maxDate: string;
  prefill?: { declNonPublicLine?: ToggleValue; declUpdates?: ToggleValue; declBrowserOnly?: ToggleValue; reason?: string; until?: string };
}

export interface PaperRequestCardData extends FormFeedback {
  /** The earliest and latest "until" dates (`YYYY-MM-DD`). */
  minDate: string;
  maxDate: string;
  prefill?: { documents?: string; customer?: string; until?: string; reason?: string; customerConsent?: ToggleValue; noCopies?: ToggleValue };
}

/** One request as its approvers and its requester see it; buttons only for an approver while it is pending. */
export interface ApprovalDecisionCardData {
  requestId: string;
  title: string;
  /** Who asked and when, or what happens next. */
  summary: string;
  facts: Fact[];
  /** The declarations the requester ticked (already localized). */
  declarations?: string[];
  /** The state line, e.g. "承認されました（鈴木 一郎、12/1（火）10:00）". */
  stateText: string;
  stateStyle: 'default' | 'good' | 'attention' | 'warning';
  /** Approvers' comments, "name: comment". */
  comments?: Fact[];
  canDecide: boolean;
  /** For an approver of a request with a period: the last approved day, from today up to the one asked (shortening only). */
  period?: { min: string; max: string };
  /** A short line after a refused press (e.g. "please give a reason"). */
  note?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface ApprovalCardData extends Record<ApprovalCardName, object> {
  'approval-request-private-pc': PrivatePcRequestCardData;
  'approval-request-paper': PaperRequestCardData;
  'approval-decision': ApprovalDecisionCardData;
}
