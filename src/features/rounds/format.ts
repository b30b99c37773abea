import { capRows } from '../../cards/fit';
import type { BatchStatus } from '../../delivery/status';
import {
  URGENT_STATUSES,
  type OwnStatus,
  type RoundForm,
  type RoundKind,
  type SafetyAnswer,
} from '../../domain/safety/model';
import type { Locale } from '../../domain/shared/locale';
import { fill } from '../../cards/format';
import type { Fact, ToggleValue } from '../../cards/types';
import type { DeliveryFailureCount, RoundFormValues, SafetyField, SafetyLocation, SafetyPrefill, TallyDelivery } from './card-data';
import { ROUND_TEXTS, roundText } from './texts';
import { prefectureName } from './prefectures';

/** Display helpers of the safety-confirmation cards: domain values → the localized strings card data carries. */

/** The answers chosen from a list (everything but the free texts). */
export type SafetyChoiceField = 'ownStatus' | 'familyStatus' | 'homeDamage' | 'canWork' | 'location';
type SafetyAnswerFields = Omit<SafetyAnswer, 'roundId'>;

/** @internal exported for the card tests; roundTitle uses it. */
export function roundKindLabel(kind: RoundKind, locale: Locale): string {
  return ROUND_TEXTS[locale].safetyOptions.roundKind[kind];
}

/**
 * "【地震】安否確認" / "Safety check: Earthquake", with the drill badge when `drill`.
 * @internal the templates build the title themselves; the card tests pin the same wording here.
 */
export function roundTitle(kind: RoundKind, drill: boolean, locale: Locale): string {
  const s = ROUND_TEXTS[locale];
  const title = fill(s.round.title, { kind: roundKindLabel(kind, locale) });
  return drill ? `[${s.round.drillBadge}] ${title}` : title;
}

/** @internal exported for the card tests (the templates look the label up themselves). */
export function ownStatusLabel(status: OwnStatus, locale: Locale): string {
  return ROUND_TEXTS[locale].safetyOptions.ownStatus[status];
}

/**
 * The localized label of a chosen safety answer, e.g. `('homeDamage', 'partial', 'ja')` → "一部損壊".
 * @internal exported for the card tests; safetyAnswerFacts uses it.
 */
export function safetyOptionLabel<F extends SafetyChoiceField>(
  field: F,
  value: SafetyAnswer[F],
  locale: Locale,
): string {
  const labels: Readonly<Record<string, string>> = ROUND_TEXTS[locale].safetyOptions[field];
  return labels[value] ?? value;
}

/** Serious injury or needs help: alert the manager and the admins at once. */
export function isUrgentStatus(status: OwnStatus): boolean {
  return URGENT_STATUSES.includes(status);
}

/**
 * "自宅"; for "other" with a place typed: "その他（○○小学校）" / "Other (…)".
 * @internal exported for the card tests; safetyAnswerFacts uses it.
 */
export function locationText(location: SafetyLocation, locationOther: string | undefined, locale: Locale): string {
  const label = ROUND_TEXTS[locale].safetyOptions.location[location];
  if (location !== 'other' || !locationOther) return label;
  return roundText(locale, 'locationWithPlace', { location: label, place: locationOther });
}

function safetyFieldLabel(field: SafetyField, locale: Locale): string {
  return ROUND_TEXTS[locale].safetyFields[field];
}

/**
 * The answers as localized facts (safety-summary). The comment is free text: leave it out
 * (`includeComment: false`) wherever the reader is not the person who wrote it and may not see it.
 */
export function safetyAnswerFacts(
  answer: SafetyAnswerFields,
  locale: Locale,
  options: { includeComment?: boolean } = {},
): Fact[] {
  const f = (field: SafetyField, value: string): Fact => ({ title: safetyFieldLabel(field, locale), value });
  const facts: Fact[] = [
    f('ownStatus', safetyOptionLabel('ownStatus', answer.ownStatus, locale)),
    f('familyStatus', safetyOptionLabel('familyStatus', answer.familyStatus, locale)),
    f('homeDamage', safetyOptionLabel('homeDamage', answer.homeDamage, locale)),
    f('canWork', safetyOptionLabel('canWork', answer.canWork, locale)),
    f('location', locationText(answer.location, answer.locationOther, locale)),
  ];
  if (answer.comment && (options.includeComment ?? true)) facts.push(f('comment', answer.comment));
  return facts;
}

/** Previous answers → card values, to re-show safety-check for "change answer". */
export function safetyPrefill(answer: SafetyAnswerFields): SafetyPrefill {
  const p: SafetyPrefill = {
    ownStatus: answer.ownStatus,
    familyStatus: answer.familyStatus,
    homeDamage: answer.homeDamage,
    canWork: answer.canWork,
    location: answer.location,
  };
  if (answer.locationOther !== undefined) p.locationOther = answer.locationOther;
  if (answer.comment !== undefined) p.comment = answer.comment;
  return p;
}

/** A department for the tables; people without one are grouped under "（部署なし）" / "(no department)". */
export function departmentLabel(department: string | null | undefined, locale: Locale): string {
  return department || ROUND_TEXTS[locale].round.noDepartment;
}

const toggleValue = (b: boolean): ToggleValue => (b ? 'true' : 'false');

/** A validated round form → the values the card submits (formData of round-confirm, prefill of round-form). */
export function roundFormValues(form: RoundForm): RoundFormValues {
  const v: RoundFormValues = { kind: form.kind, scope: form.scope, drill: toggleValue(form.drill) };
  if (form.departments.length > 0) v.departments = form.departments.join(',');
  if (form.prefectures.length > 0) v.prefectures = form.prefectures.join(',');
  if (form.people.length > 0) v.people = form.people.join(',');
  if (form.message !== undefined) v.message = form.message;
  return v;
}

/** Names listed in a scope summary before "ほか N件" / "and N more". */
const SCOPE_NAMES_SHOWN = 10;

/**
 * The scope of a round in words: "全員", "部署を選択：営業部、総務部", "都道府県を選択：東京都、神奈川県 ほか3件".
 * `peopleNames` maps user ids to names (ids without a name are shown as given).
 */
export function roundScopeSummary(
  form: Pick<RoundForm, 'scope' | 'departments' | 'prefectures' | 'people'>,
  locale: Locale,
  peopleNames: ReadonlyMap<string, string> = new Map(),
): string {
  const label = ROUND_TEXTS[locale].safetyOptions.scope[form.scope];
  const names =
    form.scope === 'departments'
      ? form.departments
      : form.scope === 'prefectures'
        ? form.prefectures.map((code) => prefectureName(code, locale))
        : form.scope === 'people'
          ? form.people.map((id) => peopleNames.get(id) ?? id)
          : [];
  if (names.length === 0) return label;
  const { rows, more } = capRows(names, SCOPE_NAMES_SHOWN);
  const list = rows.join(roundText(locale, 'listSeparator'));
  const shown = more > 0 ? roundText(locale, 'namesAndMore', { names: list, count: more }) : list;
  return roundText(locale, 'scopeWithNames', { scope: label, names: shown });
}

/** The delivery figures of the tally from the batch status of the round's cards. */
export function tallyDelivery(
  status: Pick<BatchStatus, 'sent' | 'failed' | 'queued' | 'inFlight' | 'retrying' | 'failedByReason'>,
): TallyDelivery {
  const failures: DeliveryFailureCount[] = [];
  for (const [reason, count] of Object.entries(status.failedByReason) as Array<[DeliveryFailureCount['reason'], number | undefined]>) {
    if (count) failures.push({ reason, count });
  }
  failures.sort((x, y) => y.count - x.count);
  return { sent: status.sent, failed: status.failed, inProgress: status.queued + status.inFlight + status.retrying, failures };
}
