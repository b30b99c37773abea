import type {
  Connection,
  Device,
  EndAnswers,
  Mood,
  Place,
  StartAnswers,
  ViolationKind,
} from '../domain/checkins/model';
import { RULES } from '../domain/policy/rules';
import type { Locale } from '../domain/shared/locale';
import { CARD_STRINGS, type AnswerField, type MoodValue, type ToggleField } from './strings';
import type { EndPrefill, Fact, StartPrefill, ToggleValue, ViolationItem } from './types';

/** Display helpers: domain values → the localized strings the card data carries. */

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

function fill(pattern: string, values: Readonly<Record<string, string | number>>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole: string, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}

/** 465 → "7時間45分" / "7h 45m"; 45 → "45分" / "45m"; 120 → "2時間" / "2h". */
export function formatMinutes(minutes: number, locale: Locale): string {
  const d = CARD_STRINGS[locale].duration;
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const sign = minutes < 0 && total > 0 ? '-' : '';
  if (h === 0) return sign + fill(d.minutesOnly, { m });
  if (m === 0) return sign + fill(d.hoursOnly, { h });
  return sign + fill(d.hoursMinutes, { h, m });
}

/** "2025-07-01" → long "2025年7月1日（火）" / "Tue, Jul 1, 2025"; short "7/1（火）" / "Tue Jul 1". Other input is returned as is. */
export function formatDate(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return isoDate;
  const c = CARD_STRINGS[locale].calendar;
  const wd = c.weekdays[date.getUTCDay()] ?? '';
  const mon = c.months[m - 1] ?? '';
  return fill(style === 'long' ? c.long : c.short, { y, m, d, wd, mon });
}

/** "12:00", "13:00" → "12:00–13:00"; a missing side shows as "—". */
export function formatTimeRange(start: string | undefined, end: string | undefined, locale: Locale): string {
  const none = CARD_STRINGS[locale].common.none;
  if (!start && !end) return none;
  return `${start ?? none}–${end ?? none}`;
}

/** The localized label of an answer value: place, connection, device, mood, or a toggle (yes/no). */
export function optionLabel<F extends OptionField>(field: F, value: OptionValue<F>, locale: Locale): string {
  const s = CARD_STRINGS[locale];
  const v = String(value);
  if (TOGGLE_FIELDS.has(field)) return v === 'true' ? s.common.yes : s.common.no;
  const labels: Readonly<Record<string, string>> = s.options[field as keyof ChoiceValues];
  return labels[v] ?? v;
}

/** The short localized label of an answer field (summary fact titles). */
export function fieldLabel(field: AnswerField, locale: Locale): string {
  return CARD_STRINGS[locale].fields[field];
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
  const s = CARD_STRINGS[locale];
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
