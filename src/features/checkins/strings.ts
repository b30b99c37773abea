import type { Connection, Device, Place } from '../../domain/checkins/model';
import type { Locale } from '../../domain/shared/locale';
import type { AnswerField, MoodValue, ToggleField } from './card-data';
import { en } from './strings.en';
import { ja } from './strings.ja';

/**
 * Text of the check-in cards, for one language. Templates read it next to the common strings as
 * `${t.start.title}` or `${t.options.mood['1']}`. Patterns use `{name}`-style placeholders.
 */
export interface CheckinStrings {
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
    /** Shown when the check-in was made before the security pledge was accepted. */
    pledgePending: string;
    /** Button under a private-PC violation: opens the private-PC request card. */
    requestPrivatePc: string;
  };
  myWeek: {
    title: string;
    date: string;
    start: string;
    end: string;
    breaks: string;
    workingTime: string;
    violations: string;
    /** Column of reminders sent / answered. */
    reminders: string;
    total: string;
    noRecords: string;
    /** Marks days checked in before the security pledge was accepted, and the note under the table. */
    pledgeMark: string;
    pledgePending: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `CheckinStrings`. */
export const CHECKIN_STRINGS: Readonly<Record<Locale, CheckinStrings>> = Object.freeze({ ja, en });
