import type { AdaptiveCardJson } from '../../cards/types';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import type { BatchStatus } from '../../delivery/status';
import type { RoundForm } from '../../domain/safety/model';
import type { RecipientRow, Round } from './repository';

/** A recipient who has not answered, and whether any of the round's cards reached them. */
export type PendingRecipient = RecipientRow & { readonly delivered: boolean };

export interface CascadeSettings {
  /** Minutes after the start when non-responders get the card again. */
  readonly resendMinutes: readonly number[];
  readonly managerMinutes: number;
  readonly adminMinutes: number;
  /** Live tally cards are updated at most this often. */
  readonly tallyIntervalSeconds: number;
}

export interface Tally {
  readonly total: number;
  readonly answered: number;
  readonly pending: number;
  readonly byStatus: Readonly<Record<'safe' | 'minor_injury' | 'serious_injury' | 'needs_help' | 'reached_safe' | 'reached_injured' | 'unreachable', number>>;
  readonly byDepartment: readonly { department: string; total: number; answered: number; safe: number; injured: number; needsHelp: number; pending: number }[];
  readonly delivery: BatchStatus;
}

/**
 * Whom a card is for: its language, and the time zone its times are shown in. Pass the `User`
 * when there is one; without a zone (one card for many people) the company's zone is used.
 */
export type Viewer = Pick<User, 'locale'> & Partial<Pick<User, 'timeZone'>>;

/** Turns round facts into cards; the service decides what to send, the views how it looks. */
export interface RoundViews {
  form(admin: User, choices: { departments: string[]; people: { id: string; name: string }[] }, prefill?: RoundForm): AdaptiveCardJson;
  /** `addedByToday`: how many of `count` only today's prefecture (start check-in) brings in. */
  confirm(admin: User, form: RoundForm, count: number, peopleNames: ReadonlyMap<string, string>, addedByToday?: number): AdaptiveCardJson;
  /** `reminder`: the re-send's number (1 for the first), shown on the card. */
  check(round: Round, viewer: Viewer, prefill?: RecipientRow['answer'], reminder?: number): AdaptiveCardJson;
  summary(round: Round, r: RecipientRow, viewer: Viewer): AdaptiveCardJson;
  tally(round: Round, tally: Tally, viewer: Viewer, exportUrl?: string, confirmingClose?: boolean): AdaptiveCardJson;
  escalation(round: Round, members: RecipientRow[], viewer: Viewer): AdaptiveCardJson;
  alert(round: Round, r: RecipientRow, viewer: Viewer, showComment: boolean): AdaptiveCardJson;
  /** `recorded`: the person an admin just recorded a proxy answer for from this card (shown on top). */
  report(round: Round, tally: Tally, pending: readonly PendingRecipient[], viewer: Viewer, final: boolean, recorded?: RecipientRow): AdaptiveCardJson;
  notice(locale: Locale, title: string, text: string): AdaptiveCardJson;
}

/** How the e-mail fallback reaches people (wiring: Graph sendMail, or .eml files in local mode). */
export interface EmailFallback {
  readonly send: (mail: { to: string; subject: string; text: string; html: string; id: string }) => Promise<void>;
  /** The personal, signed link of one person in one round (`/answer/<round>/<user>/<nonce>?exp&sig`). */
  readonly link: (roundId: string, userId: string, nonce: string) => string;
  /** ROUND_EMAIL_AFTER_MINUTES. */
  readonly afterMinutes: number;
}
