import type { Connection, Device, Place, endAnswersSchema, startAnswersSchema } from '../../domain/checkins/model';
import type { Fact, ToggleValue } from '../../cards/types';

/**
 * Data of the daily check-in cards. Display strings (dates, durations, facts) are localized by the
 * caller (views.ts with format.ts); the renderer adds only the UI strings under `t`.
 */
export const CHECKIN_CARD_NAMES = ['checkin-start', 'checkin-end', 'checkin-summary', 'my-week'] as const;
export type CheckinCardName = (typeof CHECKIN_CARD_NAMES)[number];

/** Every answer field of the check-in cards (the input ids of checkin-start and checkin-end). */
export type StartField = keyof typeof startAnswersSchema.shape;
export type EndField = keyof typeof endAnswersSchema.shape;
export type AnswerField = StartField | EndField;

/** Answers given with an Input.Toggle: shown as yes/no in summaries. */
export type ToggleField =
  | 'screenPrivate'
  | 'notShared'
  | 'vpnConnected'
  | 'securityUpdated'
  | 'rulesAcknowledged'
  | 'vpnDisconnected'
  | 'loggedOff'
  | 'pcStored';

/** The mood choice values as the card submits them. */
export type MoodValue = '1' | '2' | '3' | '4' | '5';

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
  /** Today's prefecture (JIS code); the person's last one is suggested on a new day. */
  todayPrefecture?: string;
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
  /** The 47 prefectures for "where are you today" (value = JIS code). */
  prefectureChoices: { title: string; value: string }[];
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
  /** Checked in before the security pledge was accepted. */
  pledgePending: boolean;
  /** A private PC without an approved request: the card offers the request card (approvals feature). */
  privatePcRequest: boolean;
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
  /** Screen-lock and VPN reminders of the day, "sent / answered", or `—`. */
  reminders: string;
  /** Recorded before the security pledge was accepted. */
  pledgePending: boolean;
}

export interface MyWeekCardData {
  /** Localized week range, e.g. "6/30（月）– 7/6（日）". */
  weekLabel: string;
  days: MyWeekRow[];
  /** Some day of the week was recorded before the pledge was accepted (shows the note). */
  anyPledgePending: boolean;
  total: { workingTime: string; violations: string; reminders: string };
  /** The week's and the month's figures on the law's basis (law engine), as facts. */
  law?: { title: string; value: string }[];
  /** How the figures are counted (fixed hours or flextime). */
  lawNote?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface CheckinCardData extends Record<CheckinCardName, object> {
  'checkin-start': CheckinStartCardData;
  'checkin-end': CheckinEndCardData;
  'checkin-summary': CheckinSummaryCardData;
  'my-week': MyWeekCardData;
}
