import type { z } from 'zod';
import type { FailureReason } from '../../delivery/policy';
import type {
  CAN_WORK,
  FAMILY_STATUSES,
  HOME_DAMAGE,
  LOCATIONS,
  OwnStatus,
  PHONE_RESULTS,
  ProxyChannel,
  RoundKind,
  roundFormSchema,
  safetyAnswerSchema,
} from '../../domain/safety/model';
import type { Fact } from '../../cards/types';

/**
 * Data of the safety-confirmation (安否確認) cards. Display strings (times, names, facts) are
 * localized by the caller (views.ts with format.ts); option values stay the model values and the
 * templates look their labels up in the UI strings.
 */
export const ROUND_CARD_NAMES = [
  'safety-check',
  'safety-summary',
  'round-form',
  'round-confirm',
  'round-tally',
  'safety-escalation',
  'safety-alert',
  'round-report',
] as const;
export type RoundCardName = (typeof ROUND_CARD_NAMES)[number];

export type FamilyStatus = (typeof FAMILY_STATUSES)[number];
export type HomeDamage = (typeof HOME_DAMAGE)[number];
export type CanWork = (typeof CAN_WORK)[number];
export type SafetyLocation = (typeof LOCATIONS)[number];
export type PhoneResult = (typeof PHONE_RESULTS)[number];
export type RoundStatus = 'open' | 'closed' | 'cancelled';

/** The inputs of safety-check (`roundId` travels in the action data, not as an input). */
export type SafetyField = Exclude<keyof typeof safetyAnswerSchema.shape, 'roundId'>;
/** The round form as the card submits it (strings; multi-selects comma-separated). */
export type RoundFormValues = z.input<typeof roundFormSchema>;

/** One choice of an Input.ChoiceSet. */
export interface Choice {
  title: string;
  value: string;
}

/** What every round card shows in its header. */
export interface RoundHeader {
  /** The round's id (uuid); sent back with every action. */
  roundId: string;
  kind: RoundKind;
  /** Shows the 訓練 / DRILL badge. */
  drill: boolean;
  /** Localized start time, e.g. `formatDateTime(round.startedAt, locale)`. */
  startedAt: string;
}

/** Previous safety answers in card form, for the "change answer" flow (`safetyPrefill`). */
export interface SafetyPrefill {
  ownStatus?: OwnStatus;
  familyStatus?: FamilyStatus;
  homeDamage?: HomeDamage;
  canWork?: CanWork;
  location?: SafetyLocation;
  locationOther?: string;
  comment?: string;
}

export interface SafetyCheckCardData extends RoundHeader {
  /** The admin's message, shown as given. */
  message?: string;
  /** Re-sends to people who have not answered: 1 for the first re-send. A different card from the
   * first one, so the person sees why it came again and a crashed send is never mistaken for it. */
  reminder?: number;
  prefill?: SafetyPrefill;
}

export interface SafetySummaryCardData extends RoundHeader {
  /** The recorded answers (`safetyAnswerFacts`). */
  facts: Fact[];
  /** Localized time of the answer. */
  answeredAt: string;
  /** Serious injury or needs help (`isUrgentStatus`): the manager and the safety team were told. */
  urgent: boolean;
  /** The round is over: no "change answer" button. */
  closed?: boolean;
}

export interface RoundFormCardData {
  /**
   * Departments to pick from (value = department as stored on users). Hidden when empty. All of them,
   * unless the form would not fit one Teams message even without people; the rest in `moreDepartments`.
   */
  departmentChoices: Choice[];
  /** Departments left out of `departmentChoices`, shown as "N more: choose by prefecture or people, or everyone". */
  moreDepartments?: number;
  /** `prefectureChoices(locale)`. */
  prefectureChoices: Choice[];
  /**
   * People to pick from (value = user id). Hidden when empty. Plain choices (no Data.Query): at most
   * 500, fewer when the card would not fit one Teams message (about 28 KB); the rest in `morePeople`.
   */
  peopleChoices: Choice[];
  /** People left out of `peopleChoices`, shown as "N more: pick them by department or prefecture". */
  morePeople?: number;
  /** Values to show again (e.g. after a validation error); drill defaults to on. */
  prefill?: Partial<RoundFormValues>;
  /** Localized problem with the previous submission, shown above the inputs. */
  error?: string;
}

export interface RoundConfirmCardData {
  /** Number of people the scope selects now. With 0 the start button is not shown. */
  recipientCount: number;
  /** Of those, people reached only through today's prefecture from their start check-in (issue 22). */
  addedByToday?: number;
  /** Localized scope (`roundScopeSummary`). */
  scopeSummary: string;
  /** The validated form as submitted (`roundFormValues`); round.start sends it back as its data. */
  formData: RoundFormValues;
}

/** Head counts of a round. `recipients` = `answered` + `noAnswer`. */
export interface SafetyTotals {
  recipients: number;
  answered: number;
  safe: number;
  minorInjury: number;
  seriousInjury: number;
  needsHelp: number;
  noAnswer: number;
  /** Non-responders a manager reached by phone, shown as a note when given. */
  reachedByPhone?: number;
}

export interface DepartmentTally {
  /** Department name, or `departmentLabel(undefined, locale)` for people without one. */
  department: string;
  total: number;
  answered: number;
  safe: number;
  /** Minor plus serious injuries. */
  injured: number;
  needsHelp: number;
  noAnswer: number;
}

export interface DeliveryFailureCount {
  reason: FailureReason;
  count: number;
}

/** Delivery of the round's cards (`tallyDelivery(batchStatus)`). */
export interface TallyDelivery {
  sent: number;
  failed: number;
  /** Queued, sending or retrying. */
  inProgress: number;
  failures: DeliveryFailureCount[];
}

export interface RoundTallyCardData extends RoundHeader {
  status: RoundStatus;
  /** Localized close time, when closed. */
  closedAt?: string;
  /** Localized time the figures were read. */
  updatedAt: string;
  totals: SafetyTotals;
  /**
   * One row per department; the table is left out when empty. At most 50, fewer when the card would
   * not fit one Teams message (`fitRows`); the rest is passed as `moreDepartments`.
   */
  departments: DepartmentTally[];
  /** Departments left out of the table, shown as "and N more departments". */
  moreDepartments?: number;
  delivery: TallyDelivery;
  /** Link to the CSV export, when there is one. */
  exportUrl?: string;
  /** The admin chose "close": the card asks to confirm (close / keep open) instead. */
  confirmingClose?: boolean;
}

export interface EscalationMember {
  userId: string;
  name: string;
  department?: string;
  /** Recorded phone result: replaces the buttons with the result. */
  phoneResult?: PhoneResult;
  /** The status a manager or admin recorded for the person (a proxy answer): replaces the buttons. */
  proxyStatus?: OwnStatus;
  /** How they reached the person, and who recorded it (the recorder's name, shown escaped). */
  proxyHow?: ProxyChannel;
  proxyBy?: string;
}

export interface SafetyEscalationCardData extends RoundHeader {
  /** The manager's reports who have not answered (keep ≤ 50: see `capRows`). */
  members: EscalationMember[];
  /** Non-responders left off the card, shown as "and N more". */
  more?: number;
  /** The members a proxy answer may be recorded for (value = user id); the form is left out when empty. */
  proxyChoices: Choice[];
}

export interface SafetyAlertCardData extends RoundHeader {
  userName: string;
  department?: string;
  ownStatus: OwnStatus;
  /** Left out for a status recorded by someone else (a proxy answer has no location or work answer). */
  location?: SafetyLocation;
  /** The place typed for location "other". */
  locationOther?: string;
  canWork?: CanWork;
  /** Free text: shown only when `showComment` is true (company privacy setting). */
  comment?: string;
  showComment: boolean;
  /** Localized time of the answer. */
  answeredAt: string;
  /** A status a manager or admin recorded for the person: how they reached them, and the recorder's name. */
  proxyHow?: ProxyChannel;
  proxyBy?: string;
  /** Teams deep link to a chat with the person, when known. */
  chatUrl?: string;
}

export interface NonResponderRow {
  name: string;
  department?: string;
  /** The manager's name. */
  manager?: string;
  /** A card of the round reached them (false: blocked, gone, not installed or still queued). */
  delivered: boolean;
}

export interface RoundReportCardData extends RoundHeader {
  /** `escalation` at +3 h to the admins; `final` when the round closes. */
  reportKind: 'escalation' | 'final';
  closedAt?: string;
  totals: SafetyTotals;
  /** Not answered because no card reached them: another channel is needed. */
  notDelivered: number;
  /** The card reached them and they did not answer. */
  deliveredNoAnswer: number;
  /** Capped list (see `capRows`), those never reached first; empty when everyone answered. */
  nonResponders: NonResponderRow[];
  /** Non-responders left off the list, shown as "and N more". */
  more?: number;
  exportUrl?: string;
  /** The escalation report of an open round: the people an admin may record an answer for (value = user id). */
  proxyChoices?: Choice[];
  /** After an admin recorded an answer from this card: for whom (name), the status, how, and who recorded it. */
  proxyName?: string;
  proxyStatus?: OwnStatus;
  proxyHow?: ProxyChannel;
  proxyBy?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface RoundCardData extends Record<RoundCardName, object> {
  'safety-check': SafetyCheckCardData;
  'safety-summary': SafetySummaryCardData;
  'round-form': RoundFormCardData;
  'round-confirm': RoundConfirmCardData;
  'round-tally': RoundTallyCardData;
  'safety-escalation': SafetyEscalationCardData;
  'safety-alert': SafetyAlertCardData;
  'round-report': RoundReportCardData;
}
