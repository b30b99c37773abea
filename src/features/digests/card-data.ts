/**
 * Data of the digest cards. Display strings are localized by views.ts (texts.ts); the renderer
 * adds the UI strings under `t`.
 */
export const DIGEST_CARD_NAMES = ['digest-wellbeing', 'digest-incident', 'overtime-notice', 'worktime-export'] as const;
export type DigestCardName = (typeof DIGEST_CARD_NAMES)[number];

export interface WellbeingMemberData {
  name: string;
  status: string;
  /** "09:02–18:10 · work 8h 08m · late night 0m", or "—". */
  detail: string;
  /** Text sparkline of the mood with the plain values after it: "▂▄▆·█ 2 3 4 – 5". */
  mood: string;
  /** Flag texts joined by " / "; empty when nothing to look at. */
  flags: string;
}

export interface DigestWellbeingCardData {
  /** The reported day, long form. */
  date: string;
  summary: string;
  members: WellbeingMemberData[];
  /** Teams over the card limit: the note above the list and the CSV link. */
  more?: string;
  csvUrl?: string;
}

export interface DigestIncidentCardData {
  date: string;
  sections: { title: string; rows: { text: string }[] }[];
}

export interface OvertimeNoticeCardData {
  /** "2026年11月" / "Nov 2026". */
  month: string;
  facts: { title: string; value: string }[];
  /** WORKTIME_INTERVIEW_CONTACT: how to ask for the doctor interview, in the company's words. */
  contact?: string;
  /** WORKTIME_INTERVIEW_URL: the request page, as a button. */
  requestUrl?: string;
}

/** The admins' monthly HR export: one signed link per month and department. */
export interface WorktimeExportCardData {
  months: { title: string; departments: { name: string; url: string }[] }[];
  /** How long the links work, e.g. "60分". */
  validFor: string;
  /** Departments left off so that the card fits one Teams message, and where they are. */
  more?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface DigestCardData extends Record<DigestCardName, object> {
  'digest-wellbeing': DigestWellbeingCardData;
  'digest-incident': DigestIncidentCardData;
  'overtime-notice': OvertimeNoticeCardData;
  'worktime-export': WorktimeExportCardData;
}
