import type { Connection, Device, Place } from '../domain/checkins/model';
import type { MoodValue } from './strings';
import type {
  RoundConfirmCardData,
  RoundFormCardData,
  RoundReportCardData,
  RoundTallyCardData,
  SafetyAlertCardData,
  SafetyCheckCardData,
  SafetyEscalationCardData,
  SafetySummaryCardData,
} from '../features/rounds/card-data';

export type * from '../features/rounds/card-data';

/**
 * Data of each card template in cards/<name>.json. Display strings are already localized by the
 * caller (see format.ts); the renderer adds only the UI strings under `t`.
 * Dates sent back in Action.Execute data are ISO `YYYY-MM-DD`; times are `HH:MM`.
 */
export const CARD_NAMES = [
  'checkin-start',
  'checkin-end',
  'checkin-summary',
  'error',
  'notice',
  'my-week',
  'welcome',
  'safety-check',
  'safety-summary',
  'round-form',
  'round-confirm',
  'round-tally',
  'safety-escalation',
  'safety-alert',
  'round-report',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** Input.Toggle values as the card submits them. */
export type ToggleValue = 'true' | 'false';

/** One row of a FactSet. */
export interface Fact {
  title: string;
  value: string;
}

/** Previous answers of the start card, in card form (strings), for the "change answers" flow. */
export interface StartPrefill {
  startTime?: string;
  place?: Place;
  connection?: Connection;
  device?: Device;
  screenPrivate?: ToggleValue;
  notShared?: ToggleValue;
  vpnConnected?: ToggleValue;
  securityUpdated?: ToggleValue;
  rulesAcknowledged?: ToggleValue;
  mood?: MoodValue;
  comment?: string;
}

/** Previous answers of the end card, in card form (strings). */
export interface EndPrefill {
  endTime?: string;
  break1Start?: string;
  break1End?: string;
  break2Start?: string;
  break2End?: string;
  vpnDisconnected?: ToggleValue;
  loggedOff?: ToggleValue;
  pcStored?: ToggleValue;
  mood?: MoodValue;
  comment?: string;
}

export interface CheckinStartCardData {
  /** ISO date of the work day; sent back with every action. */
  date: string;
  /** Localized date header, e.g. `formatDate(date, locale)`. */
  dateLabel: string;
  userName: string;
  /** Current local time `HH:MM`, used when there is no previous answer. */
  defaultStartTime: string;
  prefill?: StartPrefill;
}

export interface CheckinEndCardData {
  date: string;
  dateLabel: string;
  /** Current local time `HH:MM`, used when there is no previous answer. */
  defaultEndTime: string;
  /** Recorded start time `HH:MM`, shown as a reminder when known. */
  startTime?: string;
  prefill?: EndPrefill;
}

export interface ViolationItem {
  /** Rule reference, e.g. "G 1.2". */
  rule: string;
  /** Localized rule text. */
  text: string;
}

export interface CheckinSummaryCardData {
  kind: 'start' | 'end';
  date: string;
  dateLabel: string;
  /** Each answer as localized label/value (see `startSummaryFacts` / `endSummaryFacts`). */
  facts: Fact[];
  /** Localized working time (e.g. `formatMinutes`), when known. */
  workingTime?: string;
  violations: ViolationItem[];
}

export interface ErrorCardData {
  /** Defaults to the localized generic title. */
  title?: string;
  message: string;
  correlationId: string;
}

export interface NoticeCardData {
  title: string;
  text: string;
  facts?: Fact[];
}

export interface MyWeekRow {
  /** Localized date with weekday, e.g. `formatDate(date, locale, 'short')`. */
  dateLabel: string;
  start: string;
  end: string;
  /** e.g. "12:00–13:00", or `—`. */
  breaks: string;
  workingTime: string;
  /** Count of violations as text. */
  violations: string;
  /** Colours the violations cell. */
  hasViolations: boolean;
}

export interface MyWeekCardData {
  /** Localized week range, e.g. "6/30（月）– 7/6（日）". */
  weekLabel: string;
  days: MyWeekRow[];
  total: { workingTime: string; violations: string };
}

export interface WelcomeCardData {
  userName: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface CardData extends Record<CardName, object> {
  'checkin-start': CheckinStartCardData;
  'checkin-end': CheckinEndCardData;
  'checkin-summary': CheckinSummaryCardData;
  error: ErrorCardData;
  notice: NoticeCardData;
  'my-week': MyWeekCardData;
  welcome: WelcomeCardData;
  'safety-check': SafetyCheckCardData;
  'safety-summary': SafetySummaryCardData;
  'round-form': RoundFormCardData;
  'round-confirm': RoundConfirmCardData;
  'round-tally': RoundTallyCardData;
  'safety-escalation': SafetyEscalationCardData;
  'safety-alert': SafetyAlertCardData;
  'round-report': RoundReportCardData;
}

/** JSON as produced by the template engine. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A rendered card, ready to be sent as an attachment. */
export interface AdaptiveCardJson extends JsonObject {
  type: 'AdaptiveCard';
  version: '1.5';
  $schema: string;
}

export interface AdaptiveCardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
}
