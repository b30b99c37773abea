/**
 * Data of the lost-device cards. Display strings are localized by the caller (views.ts with
 * texts.ts); the renderer adds the UI strings under `t`.
 */
import type { Fact } from '../../cards/types';

export const DEVICE_CARD_NAMES = ['lost-device-report', 'incident-alert', 'incident', 'appi-reminder'] as const;
export type DeviceCardName = (typeof DEVICE_CARD_NAMES)[number];

export interface LostDeviceReportCardData {
  /** Sent back with the submit: the same card submitted twice opens one incident. */
  submitId: string;
  /** Once submitted: the incident's state as the reporter sees it (the card then has no inputs). */
  status?: {
    state: string;
    text: string;
    /** Who was alerted and who could not be, one line each. */
    notified: string[];
    /** What the reporter should do now (police / transit, passwords) and what the security team will do. */
    nextSteps: string[];
    facts: Fact[];
  };
}

export interface IncidentAlertCardData {
  /** e.g. "山田 太郎 さんが端末の紛失を報告しました". */
  headline: string;
  facts: Fact[];
  /** The APPI line when PPC reports may be due. */
  appi?: string;
  /** Sent back with "seen". */
  incidentId: string;
  /** Why an admin got it (no security team), when so. */
  note?: string;
  /** Once someone pressed "seen": who and when (the button is then gone). */
  acknowledged?: string;
}

export interface IncidentDeviceItem {
  id: string;
  name: string;
  /** OS · compliance · last sync, and "serial matches". */
  detail: string;
  matched: boolean;
}

export interface IncidentCardData {
  incidentId: string;
  headline: string;
  state: string;
  closed: boolean;
  /** Closed with only the preliminary report filed: the card offers recording the final one. */
  finalOwed: boolean;
  acknowledged: boolean;
  facts: Fact[];
  appi?: string;
  timeline: { time: string; text: string }[];
  /** Earlier events left off so that the card fits one Teams message (the newest are listed), as a sentence. */
  timelineMore?: string;
  /** When the device list is missing or empty: why. */
  devicesNote?: string;
  devices: IncidentDeviceItem[];
  /** Actions waiting for a second person: approve / reject. */
  pending: { actionId: string; text: string }[];
  /** A short note for the person who pressed a button (refusals, "already requested"). */
  note?: string;
}

export interface AppiReminderCardData {
  headline: string;
  text: string;
  facts: Fact[];
}

/** Extending the record makes a card name without data interface a compile error. */
export interface DeviceCardData extends Record<DeviceCardName, object> {
  'lost-device-report': LostDeviceReportCardData;
  'incident-alert': IncidentAlertCardData;
  incident: IncidentCardData;
  'appi-reminder': AppiReminderCardData;
}
