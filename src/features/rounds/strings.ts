import type { FailureReason } from '../../delivery/policy';
import type { OwnStatus, RoundKind, ScopeKind } from '../../domain/safety/model';
import type { Locale } from '../../domain/shared/locale';
import type {
  CanWork,
  FamilyStatus,
  HomeDamage,
  PhoneResult,
  RoundStatus,
  SafetyField,
  SafetyLocation,
} from './card-data';
import { en } from './strings.en';
import { ja } from './strings.ja';

/** Answers that must be chosen on the safety-check card. */
export type RequiredSafetyField = Exclude<SafetyField, 'locationOther' | 'comment'>;

/**
 * Text of the safety-confirmation (安否確認) cards, for one language. Templates read it next to the
 * common strings as `${t.safetyCheck.title}` or `${t.safetyOptions.ownStatus[ownStatus]}`.
 * Patterns: `{kind}` round kind, `{time}` a localized time, `{count}` a number, `{result}` a phone result.
 */
export interface RoundStrings {
  safetyOptions: {
    roundKind: Record<RoundKind, string>;
    ownStatus: Record<OwnStatus, string>;
    familyStatus: Record<FamilyStatus, string>;
    homeDamage: Record<HomeDamage, string>;
    canWork: Record<CanWork, string>;
    location: Record<SafetyLocation, string>;
    scope: Record<ScopeKind, string>;
    phoneResult: Record<PhoneResult, string>;
    roundStatus: Record<RoundStatus, string>;
    deliveryFailure: Record<FailureReason, string>;
  };
  /** Input labels of safety-check and fact titles of the summaries. */
  safetyFields: Record<SafetyField, string>;
  safetyErrors: Record<RequiredSafetyField, string>;
  /** Shared by every round card. */
  round: {
    /** `{kind}` = round kind label. */
    title: string;
    drillBadge: string;
    drillNote: string;
    /** `{time}`. */
    startedAt: string;
    /** `{time}`. */
    closedAt: string;
    /** `{time}`. */
    updatedAt: string;
    /** `{count}`. */
    more: string;
    noDepartment: string;
    department: string;
    name: string;
    manager: string;
    csv: string;
  };
  safetyCheck: {
    /** `{n}`: on re-sends to people who have not answered. */
    reminder: string;
    intro: string;
    adminMessage: string;
    locationOtherPlaceholder: string;
    commentPlaceholder: string;
    submit: string;
  };
  safetySummary: {
    title: string;
    /** `{time}`. */
    answeredAt: string;
    thanks: string;
    urgent: string;
    closed: string;
    edit: string;
  };
  roundForm: {
    title: string;
    intro: string;
    kind: string;
    kindError: string;
    scope: string;
    scopeError: string;
    scopeHint: string;
    departments: string;
    prefectures: string;
    people: string;
    selectPlaceholder: string;
    drill: string;
    message: string;
    messagePlaceholder: string;
    preview: string;
  };
  roundConfirm: {
    title: string;
    /** `{count}`. */
    recipients: string;
    noRecipients: string;
    kind: string;
    scope: string;
    drill: string;
    message: string;
    realWarning: string;
    start: string;
    cancelHint: string;
  };
  /** Head counts, shared by round-tally and round-report. */
  totals: {
    recipients: string;
    answered: string;
    noAnswer: string;
    safe: string;
    minorInjury: string;
    seriousInjury: string;
    needsHelp: string;
    injured: string;
    total: string;
    /** `{count}`. */
    reachedByPhone: string;
  };
  roundTally: {
    title: string;
    byDepartment: string;
    /** `{count}` departments left out of the table. */
    moreDepartments: string;
    deliveryHeading: string;
    sent: string;
    failed: string;
    inProgress: string;
    refresh: string;
    close: string;
  };
  escalation: {
    title: string;
    intro: string;
    phoneSafe: string;
    phoneInjured: string;
    phoneUnreachable: string;
    /** `{result}`. */
    recorded: string;
    noneLeft: string;
  };
  alert: {
    title: string;
    intro: string;
    who: string;
    status: string;
    location: string;
    canWork: string;
    comment: string;
    /** `{time}`. */
    answeredAt: string;
    chat: string;
  };
  roundReport: {
    titleEscalation: string;
    introEscalation: string;
    titleFinal: string;
    nonResponders: string;
    allAnswered: string;
  };
}

/** A missing translation is a compile error: both entries must be complete `RoundStrings`. */
export const ROUND_STRINGS: Readonly<Record<Locale, RoundStrings>> = Object.freeze({ ja, en });
