import type {
  Connection,
  Device,
  EndAnswers,
  Mood,
  Place,
  StartAnswers,
  ViolationKind,
} from '../../domain/checkins/model';
import { prefectureName } from '../../domain/people/prefectures';
import { RULES } from '../../domain/policy/rules';
import type { Locale } from '../../domain/shared/locale';
import { formatTimeRange } from '../../cards/format';
import { COMMON_STRINGS } from '../../cards/strings';
import type { Fact, ToggleValue } from '../../cards/types';
import type { AnswerField, EndPrefill, MoodValue, StartPrefill, ToggleField, ViolationItem } from './card-data';
import { CHECKIN_TEXTS } from './texts';

/** Display helpers of the check-in cards: answers → the localized strings the card data carries. */

const TOGGLE_FIELDS: ReadonlySet<string> = new Set<ToggleField>([
  'screenPrivate',
  'notShared',
  'vpnConnected',
  'securityUpdated',
  'rulesAcknowledged',
  'vpnDisconnected',
  'loggedOff',
  'pcStored',
]);

interface ChoiceValues {
  place: Place;
  connection: Connection;
  device: Device;
  mood: Mood | MoodValue;
}
export type OptionField = keyof ChoiceValues | ToggleField;
/** Accepts both the domain value (number, boolean) and the card value (string). */
export type OptionValue<F extends OptionField> = F extends keyof ChoiceValues ? ChoiceValues[F] : boolean | ToggleValue;

/**
 * The localized label of an answer value: place, connection, device, mood, or a toggle (yes/no).
 * @internal exported for the card tests; the summary facts use it.
 */
export function optionLabel<F extends OptionField>(field: F, value: OptionValue<F>, locale: Locale): string {
  const v = String(value);
  if (TOGGLE_FIELDS.has(field)) return v === 'true' ? COMMON_STRINGS[locale].common.yes : COMMON_STRINGS[locale].common.no;
  const labels: Readonly<Record<string, string>> = CHECKIN_TEXTS[locale].options[field as keyof ChoiceValues];
  return labels[v] ?? v;
}

/** The short localized label of an answer field (summary fact titles). */
function fieldLabel(field: AnswerField, locale: Locale): string {
  return CHECKIN_TEXTS[locale].fields[field];
}

/** The rule a violation breaks, as the company guideline words it (the same reference the store records). */
export function violationItem(kind: ViolationKind, locale: Locale): ViolationItem {
  return { rule: RULES[kind].ref, text: RULES[kind].text[locale] };
}

function fact(field: AnswerField, value: string, locale: Locale): Fact {
  return { title: fieldLabel(field, locale), value };
}

/** The answers of the start card as localized facts for the summary card. */
export function startSummaryFacts(a: StartAnswers, locale: Locale): Fact[] {
  const facts: Fact[] = [
    fact('startTime', a.startTime, locale),
    fact('place', optionLabel('place', a.place, locale), locale),
    ...(a.todayPrefecture && a.place !== 'home' ? [fact('todayPrefecture', prefectureName(a.todayPrefecture, locale), locale)] : []),
    fact('connection', optionLabel('connection', a.connection, locale), locale),
    fact('device', optionLabel('device', a.device, locale), locale),
    fact('screenPrivate', optionLabel('screenPrivate', a.screenPrivate, locale), locale),
    fact('notShared', optionLabel('notShared', a.notShared, locale), locale),
    fact('vpnConnected', optionLabel('vpnConnected', a.vpnConnected, locale), locale),
    fact('securityUpdated', optionLabel('securityUpdated', a.securityUpdated, locale), locale),
    fact('rulesAcknowledged', optionLabel('rulesAcknowledged', a.rulesAcknowledged, locale), locale),
    fact('mood', optionLabel('mood', a.mood, locale), locale),
  ];
  if (a.comment) facts.push(fact('comment', a.comment, locale));
  return facts;
}

/** The answers of the end card as localized facts for the summary card. */
export function endSummaryFacts(a: EndAnswers, locale: Locale): Fact[] {
  const s = CHECKIN_TEXTS[locale];
  const facts: Fact[] = [fact('endTime', a.endTime, locale)];
  if (a.break1Start || a.break1End) {
    facts.push({ title: s.end.break1, value: formatTimeRange(a.break1Start, a.break1End, locale) });
  }
  if (a.break2Start || a.break2End) {
    facts.push({ title: s.end.break2, value: formatTimeRange(a.break2Start, a.break2End, locale) });
  }
  facts.push(
    fact('vpnDisconnected', optionLabel('vpnDisconnected', a.vpnDisconnected, locale), locale),
    fact('loggedOff', optionLabel('loggedOff', a.loggedOff, locale), locale),
    fact('pcStored', optionLabel('pcStored', a.pcStored, locale), locale),
    fact('mood', optionLabel('mood', a.mood, locale), locale),
  );
  if (a.comment) facts.push(fact('comment', a.comment, locale));
  return facts;
}

const MOOD_VALUES: Readonly<Record<Mood, MoodValue>> = { 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' };
const toggleValue = (b: boolean): ToggleValue => (b ? 'true' : 'false');

/** Previous start answers → card values, to re-show the start card for "change answers". */
export function startPrefill(a: StartAnswers): StartPrefill {
  const p: StartPrefill = {
    startTime: a.startTime,
    place: a.place,
    connection: a.connection,
    device: a.device,
    screenPrivate: toggleValue(a.screenPrivate),
    notShared: toggleValue(a.notShared),
    vpnConnected: toggleValue(a.vpnConnected),
    securityUpdated: toggleValue(a.securityUpdated),
    rulesAcknowledged: toggleValue(a.rulesAcknowledged),
    mood: MOOD_VALUES[a.mood],
  };
  if (a.comment !== undefined) p.comment = a.comment;
  if (a.todayPrefecture !== undefined) p.todayPrefecture = a.todayPrefecture;
  return p;
}

/** Previous end answers → card values, to re-show the end card for "change answers". */
export function endPrefill(a: EndAnswers): EndPrefill {
  const p: EndPrefill = {
    endTime: a.endTime,
    vpnDisconnected: toggleValue(a.vpnDisconnected),
    loggedOff: toggleValue(a.loggedOff),
    pcStored: toggleValue(a.pcStored),
    mood: MOOD_VALUES[a.mood],
  };
  if (a.break1Start !== undefined) p.break1Start = a.break1Start;
  if (a.break1End !== undefined) p.break1End = a.break1End;
  if (a.break2Start !== undefined) p.break2Start = a.break2Start;
  if (a.break2End !== undefined) p.break2End = a.break2End;
  if (a.comment !== undefined) p.comment = a.comment;
  return p;
}
