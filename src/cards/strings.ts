import type { Connection, Device, Place, ViolationKind, endAnswersSchema, startAnswersSchema } from '../domain/checkins/model';
import type { Locale } from '../domain/shared/locale';
import { en } from './strings.en';
import { ja } from './strings.ja';
import type { SafetyCardStrings } from '../features/rounds/strings';

export type { RequiredSafetyField, SafetyCardStrings } from '../features/rounds/strings';

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

/**
 * All text shown on the cards, for one language. Templates read it as `${t.<section>.<key>}`.
 * Patterns use `{name}`-style placeholders filled by the template (`replace`) or by the helpers in format.ts.
 */
export interface CardStrings extends SafetyCardStrings {
  common: {
    yes: string;
    no: string;
    /** Shown where a value is absent (no break, no end time yet). */
    none: string;
  };
  /** Durations: `{h}` hours, `{m}` minutes. */
  duration: { hoursMinutes: string; hoursOnly: string; minutesOnly: string };
  /** Dates: `{y}` year, `{m}` month number, `{mon}` month name, `{d}` day, `{wd}` weekday. */
  calendar: {
    long: string;
    short: string;
    /** Sunday first, as `Date.getUTCDay()`. */
    weekdays: readonly [string, string, string, string, string, string, string];
    months: readonly [string, string, string, string, string, string, string, string, string, string, string, string];
  };
  /** Short field labels: input labels and summary fact titles. */
  fields: Record<AnswerField, string>;
  /** The statement shown next to each toggle. */
  toggles: Record<ToggleField, string>;
  options: {
    place: Record<Place, string>;
    connection: Record<Connection, string>;
    device: Record<Device, string>;
    mood: Record<MoodValue, string>;
  };
  /** Error messages of required inputs. */
  inputErrors: {
    startTime: string;
    endTime: string;
    place: string;
    connection: string;
    device: string;
    mood: string;
  };
  /** Rule text of each violation; the rule reference (e.g. "G 1.2") is language-neutral, see format.ts. */
  start: {
    title: string;
    /** `{name}` = user name. */
    greeting: string;
    workHeading: string;
    connectionPlaceholder: string;
    environmentHeading: string;
    rulesHeading: string;
    rulesText: string;
    moodHeading: string;
    commentPlaceholder: string;
    submit: string;
    notWorking: string;
    officeDay: string;
  };
  end: {
    title: string;
    /** `{time}` = the recorded start time. */
    startedAt: string;
    intro: string;
    breaksHeading: string;
    breaksHint: string;
    break1: string;
    break2: string;
    checksHeading: string;
    submit: string;
  };
  summary: {
    titleStart: string;
    titleEnd: string;
    workingTime: string;
    violationsHeading: string;
    noViolations: string;
    edit: string;
  };
  error: { title: string; ref: string };
  myWeek: {
    title: string;
    date: string;
    start: string;
    end: string;
    breaks: string;
    workingTime: string;
    violations: string;
    total: string;
    noRecords: string;
  };
  welcome: {
    title: string;
    /** `{name}` = user name. */
    greeting: string;
    intro: string;
    commandsHeading: string;
    cmdStart: string;
    cmdStartText: string;
    cmdEnd: string;
    cmdEndText: string;
    cmdMyWeek: string;
    cmdMyWeekText: string;
    cmdHelp: string;
    cmdHelpText: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `CardStrings`. */
export const CARD_STRINGS: Readonly<Record<Locale, CardStrings>> = Object.freeze({ ja, en });

export function cardStrings(locale: Locale): CardStrings {
  return CARD_STRINGS[locale];
}
