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
export function startSummaryFacts(answers: StartAnswers, locale: Locale): Fact[] {
  const facts: Fact[] = [
    fact('startTime', answers.startTime, locale),
    fact('place', optionLabel('place', answers.place, locale), locale),
    ...(answers.todayPrefecture && answers.place !== 'home' ? [fact('todayPrefecture', prefectureName(answers.todayPrefecture, locale), locale)] : []),
    fact('connection', optionLabel('connection', answers.connection, locale), locale),
    fact('device', optionLabel('device', answers.device, locale), locale),
    fact('screenPrivate', optionLabel('screenPrivate', answers.screenPrivate, locale), locale),
    fact('notShared', optionLabel('notShared', answers.notShared, locale), locale),
    fact('vpnConnected', optionLabel('vpnConnected', answers.vpnConnected, locale), locale),
    fact('securityUpdated', optionLabel('securityUpdated', answers.securityUpdated, locale), locale),
    fact('rulesAcknowledged', optionLabel('rulesAcknowledged', answers.rulesAcknowledged, locale), locale),
    fact('mood', optionLabel('mood', answers.mood, locale), locale),
  ];
  if (answers.comment) facts.push(fact('comment', answers.comment, locale));
  return facts;
}

/** The answers of the end card as localized facts for the summary card. */
export function endSummaryFacts(answers: EndAnswers, locale: Locale): Fact[] {
  const s = CHECKIN_TEXTS[locale];
  const facts: Fact[] = [fact('endTime', answers.endTime, locale)];
  if (answers.break1Start || answers.break1End) {
    facts.push({ title: s.end.break1, value: formatTimeRange(answers.break1Start, answers.break1End, locale) });
  }
  if (answers.break2Start || answers.break2End) {
    facts.push({ title: s.end.break2, value: formatTimeRange(answers.break2Start, answers.break2End, locale) });
  }
  facts.push(
    fact('vpnDisconnected', optionLabel('vpnDisconnected', answers.vpnDisconnected, locale), locale),
    fact('loggedOff', optionLabel('loggedOff', answers.loggedOff, locale), locale),
    fact('pcStored', optionLabel('pcStored', answers.pcStored, locale), locale),
    fact('mood', optionLabel('mood', answers.mood, locale), locale),
  );
  if (answers.comment) facts.push(fact('comment', answers.comment, locale));
  return facts;
}

const MOOD_VALUES: Readonly<Record<Mood, MoodValue>> = { 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' };
const toggleValue = (b: boolean): ToggleValue => (b ? 'true' : 'false');

/** Previous start answers → card values, to re-show the start card for "change answers". */
export function startPrefill(answers: StartAnswers): StartPrefill {
  const p: StartPrefill = {
    startTime: answers.startTime,
    place: answers.place,
    connection: answers.connection,
    device: answers.device,
    screenPrivate: toggleValue(answers.screenPrivate),
    notShared: toggleValue(answers.notShared),
    vpnConnected: toggleValue(answers.vpnConnected),
    securityUpdated: toggleValue(answers.securityUpdated),
    rulesAcknowledged: toggleValue(answers.rulesAcknowledged),
    mood: MOOD_VALUES[answers.mood],
  };
  if (answers.comment !== undefined) p.comment = answers.comment;
  if (answers.todayPrefecture !== undefined) p.todayPrefecture = answers.todayPrefecture;
  return p;
}

/** Previous end answers → card values, to re-show the end card for "change answers". */
export function endPrefill(answers: EndAnswers): EndPrefill {
  const p: EndPrefill = {
    endTime: answers.endTime,
    vpnDisconnected: toggleValue(answers.vpnDisconnected),
    loggedOff: toggleValue(answers.loggedOff),
    pcStored: toggleValue(answers.pcStored),
    mood: MOOD_VALUES[answers.mood],
  };
  if (answers.break1Start !== undefined) p.break1Start = answers.break1Start;
  if (answers.break1End !== undefined) p.break1End = answers.break1End;
  if (answers.break2Start !== undefined) p.break2Start = answers.break2Start;
  if (answers.break2End !== undefined) p.break2End = answers.break2End;
  if (answers.comment !== undefined) p.comment = answers.comment;
  return p;
}
