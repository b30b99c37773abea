import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  MAX_BYTES, SCHEMA_PATH, choiceValues, inputById, inputs, isObject, objects, parserProblems, sample, schemaErrors, schemaPresent,
} from './support/cards';
import { CONNECTIONS, DEVICES, PLACES, endAnswersSchema, startAnswersSchema } from '../src/domain/checkins/model';
import { LOCALES, type Locale } from '../src/domain/shared/locale';
import { ALL_VERBS, VERBS } from '../src/cards/verbs';
import { RULES } from '../src/domain/policy/rules';
import { CARD_NAMES, CARD_STRINGS, renderCard, type CardName } from './support/card-catalog';
import { CARDS_DIR, cardMessage } from '../src/cards/render';
import { formatDate, formatMinutes } from '../src/cards/format';
import { endPrefill, endSummaryFacts, optionLabel, startPrefill, startSummaryFacts, violationItem } from '../src/features/checkins/format';
import type { AdaptiveCardJson, JsonValue } from '../src/cards/types';

const inCI = process.env.CI === 'true';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

const executeVerbs = (card: AdaptiveCardJson): JsonValue[] =>
  objects(card).filter((o) => o['type'] === 'Action.Execute').map((o) => o['verb'] ?? null);

/** The localized strings a template refers to (`${t.section.key}` / `${t.options.mood['1']}`), per locale. */
function templateStrings(name: CardName, locale: Locale): string[] {
  const text = readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/\bt\.([A-Za-z]+)\.([A-Za-z0-9_]+)(?:\['([^']+)'\]|\.([A-Za-z0-9_]+))?/g)) {
    let node: unknown = CARD_STRINGS[locale];
    for (const key of [m[1], m[2], m[3] ?? m[4]]) {
      if (key !== undefined && isObject(node)) node = node[key];
    }
    if (typeof node === 'string') found.push(node);
  }
  return found;
}

describe.each(CARD_NAMES)('card %s', (name) => {
  describe.each(LOCALES)('locale %s', (locale) => {
    const card = renderCard(name, sample(name), locale);

    it('is a 1.5 Adaptive Card with no unexpanded template expressions', () => {
      expect(card.type).toBe('AdaptiveCard');
      expect(card.version).toBe('1.5');
      expect(typeof card.$schema).toBe('string');
      expect(JSON.stringify(card)).not.toContain('${');
    });

    it('parses with the adaptivecards library without warnings or validation errors', () => {
      expect(parserProblems(card)).toEqual([]);
    });

    it('validates against the Adaptive Cards 1.5 JSON schema', (ctx) => {
      if (!schemaPresent) {
        if (inCI) throw new Error(`Adaptive Cards schema not found at ${SCHEMA_PATH} (required when CI=true)`);
        ctx.skip(`Adaptive Cards schema not found at ${SCHEMA_PATH}; this check runs only where /work/shared is present`);
      }
      expect(schemaErrors(card)).toEqual([]);
    });

    it('is smaller than 80 KB', () => {
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_BYTES);
    });

    it('is in the right language', () => {
      const json = JSON.stringify(card);
      if (locale === 'ja') {
        expect(json).toMatch(JAPANESE);
        return;
      }
      const en = new Set(templateStrings(name, 'en'));
      const jaOnly = templateStrings(name, 'ja').filter((s) => !en.has(s) && JAPANESE.test(s));
      if (name !== 'notice') expect(jaOnly.length, 'template refers to localized strings').toBeGreaterThan(0);
      for (const s of jaOnly) expect(json, `en rendering contains ja text "${s}"`).not.toContain(s);
    });

    it('uses only known Action.Execute verbs', () => {
      for (const verb of executeVerbs(card)) expect(ALL_VERBS).toContain(verb);
    });
  });
});

describe('check-in cards and the answer validators cannot drift', () => {
  it.each([
    ['checkin-start', Object.keys(startAnswersSchema.shape)],
    ['checkin-end', Object.keys(endAnswersSchema.shape)],
  ] as const)('%s input ids equal the answer schema keys', (name, keys) => {
    const card = renderCard(name, sample(name), 'ja');
    const ids = inputs(card).map((o) => o['id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...keys].sort());
  });

  it('choice values are the model option values', () => {
    const card = renderCard('checkin-start', sample('checkin-start'), 'en');
    expect(choiceValues(inputById(card, 'place'))).toEqual([...PLACES]);
    expect(choiceValues(inputById(card, 'connection'))).toEqual([...CONNECTIONS]);
    expect(choiceValues(inputById(card, 'device'))).toEqual([...DEVICES]);
    expect([...choiceValues(inputById(card, 'mood'))].sort()).toEqual(['1', '2', '3', '4', '5']);
    const end = renderCard('checkin-end', sample('checkin-end'), 'en');
    expect(choiceValues(inputById(end, 'mood'))).toEqual(choiceValues(inputById(card, 'mood')));
  });

  it('the prefilled sample answers pass the validator and round-trip through startPrefill', () => {
    const prefill = sample('checkin-start').prefill ?? {};
    expect(startPrefill(startAnswersSchema.parse(prefill))).toEqual(prefill);
    const endSample = sample('checkin-end');
    const endValues = { endTime: endSample.defaultEndTime, ...endSample.prefill };
    expect(endPrefill(endAnswersSchema.parse(endValues))).toEqual(endValues);
  });
});

describe('cards rendered without optional data are still valid', () => {
  const { prefill: _sp, ...startBare } = sample('checkin-start');
  const { prefill: _ep, startTime: _st, ...endBare } = sample('checkin-end');
  const { workingTime: _wt, ...summaryBare } = sample('checkin-summary');
  const variants: Array<[string, AdaptiveCardJson]> = LOCALES.flatMap((l) => [
    [`checkin-start ${l} without prefill`, renderCard('checkin-start', startBare, l)],
    [`checkin-end ${l} without prefill and start time`, renderCard('checkin-end', endBare, l)],
    [`checkin-summary ${l} without working time and violations`, renderCard('checkin-summary', { ...summaryBare, violations: [] }, l)],
    [`notice ${l} without facts`, renderCard('notice', { title: 'Recorded', text: 'Not working today' }, l)],
    [`my-week ${l} without days`, renderCard('my-week', { ...sample('my-week'), days: [] }, l)],
    [`error ${l} with a title`, renderCard('error', { ...sample('error'), title: 'Custom' }, l)],
  ]);
  it.each(variants)('%s', (_label, card) => {
    expect(JSON.stringify(card)).not.toContain('${');
    expect(parserProblems(card)).toEqual([]);
    if (schemaPresent) expect(schemaErrors(card)).toEqual([]);
  });
});

describe('checkin-start', () => {
  it('carries the previous answers on its inputs', () => {
    const data = sample('checkin-start');
    const prefill = data.prefill ?? {};
    expect(Object.keys(prefill).length).toBeGreaterThan(5);
    const card = renderCard('checkin-start', data, 'en');
    for (const [id, value] of Object.entries(prefill)) expect(inputById(card, id)?.['value'], id).toBe(value);
  });

  it('without previous answers: start time defaults to now, toggles off, other inputs empty', () => {
    const { prefill: _unused, ...data } = sample('checkin-start');
    const card = renderCard('checkin-start', data, 'ja');
    expect(inputById(card, 'startTime')?.['value']).toBe(data.defaultStartTime);
    for (const id of ['place', 'connection', 'device', 'mood', 'comment']) {
      expect(inputById(card, id), id).not.toHaveProperty('value');
    }
    for (const id of ['screenPrivate', 'notShared', 'vpnConnected', 'securityUpdated', 'rulesAcknowledged']) {
      expect(inputById(card, id)?.['value'], id).toBe('false');
    }
  });

  it('sends the date with submit and both day-off reasons', () => {
    const card = renderCard('checkin-start', sample('checkin-start'), 'ja');
    const actions = objects(card).filter((o) => o['type'] === 'Action.Execute');
    expect(actions.map((a) => [a['verb'], a['data'], a['associatedInputs']])).toEqual([
      [VERBS.startSubmit, { date: '2025-07-01' }, 'auto'],
      [VERBS.dayOff, { date: '2025-07-01', reason: 'not_working' }, 'none'],
      [VERBS.dayOff, { date: '2025-07-01', reason: 'office' }, 'none'],
    ]);
    expect(actions.map((a) => a['title'])).toContain(CARD_STRINGS.ja.start.notWorking);
  });
});

describe('checkin-end', () => {
  it('without previous answers and start time still parses cleanly', () => {
    const { prefill: _p, startTime: _s, ...data } = sample('checkin-end');
    const card = renderCard('checkin-end', data, 'en');
    expect(inputById(card, 'endTime')?.['value']).toBe(data.defaultEndTime);
    expect(inputById(card, 'break1Start')).not.toHaveProperty('value');
  });
});

describe('checkin-summary', () => {
  it.each([
    ['start', VERBS.startEdit],
    ['end', VERBS.endEdit],
  ] as const)('kind %s offers %s', (kind, verb) => {
    const card = renderCard('checkin-summary', { ...sample('checkin-summary'), kind }, 'en');
    expect(executeVerbs(card)).toEqual([verb]);
    expect(JSON.stringify(card)).toContain(kind === 'start' ? 'Start recorded' : 'End recorded');
  });

  it('shows violations in an attention container, or a good line when there are none', () => {
    const data = sample('checkin-summary');
    const withViolations = renderCard('checkin-summary', data, 'en');
    const attention = objects(withViolations).filter((o) => o['style'] === 'attention');
    expect(attention).toHaveLength(1);
    expect(JSON.stringify(attention[0])).toContain('G 3');
    const { workingTime: _w, ...rest } = data;
    const clean = renderCard('checkin-summary', { ...rest, violations: [] }, 'en');
    expect(objects(clean).some((o) => o['style'] === 'attention')).toBe(false);
    expect(JSON.stringify(clean)).toContain(CARD_STRINGS.en.summary.noViolations);
  });
});

describe('small cards', () => {
  it('error: default title, or the given one, and the correlation id', () => {
    const data = sample('error');
    expect(JSON.stringify(renderCard('error', data, 'en'))).toContain(`Ref: ${data.correlationId}`);
    expect(JSON.stringify(renderCard('error', data, 'ja'))).toContain(CARD_STRINGS.ja.error.title);
    expect(JSON.stringify(renderCard('error', { ...data, title: 'Custom' }, 'en'))).toContain('Custom');
  });

  it('notice without facts has no FactSet', () => {
    const card = renderCard('notice', { title: 'Recorded', text: 'Not working today' }, 'en');
    expect(objects(card).some((o) => o['type'] === 'FactSet')).toBe(false);
  });

  it('my-week: a row per day plus header and total; a note when there are no records', () => {
    const data = sample('my-week');
    const table = objects(renderCard('my-week', data, 'ja')).find((o) => o['type'] === 'Table');
    expect(Array.isArray(table?.['rows']) ? table['rows'].length : 0).toBe(data.days.length + 2);
    const empty = renderCard('my-week', { ...data, days: [] }, 'en');
    expect(objects(empty).some((o) => o['type'] === 'Table')).toBe(false);
    expect(JSON.stringify(empty)).toContain(CARD_STRINGS.en.myWeek.noRecords);
  });

  it('welcome lists the commands it is given and a button per missed card', () => {
    const json = JSON.stringify(renderCard('welcome', sample('welcome'), 'ja'));
    for (const cmd of ['出勤', '退勤', '誓約書', '承認待ち', 'ヘルプ', '📝 誓約書', '✅ 承認待ち']) expect(json).toContain(cmd);
  });

  it('cardMessage wraps the card in a message, with the notification text when there is one', () => {
    const card = renderCard('welcome', sample('welcome'), 'ja');
    const attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }];
    expect(cardMessage(card, '通知')).toEqual({ type: 'message', summary: '通知', attachments });
    expect(cardMessage(card)).toEqual({ type: 'message', attachments });
  });
});

describe('display helpers', () => {
  it('formatMinutes and formatDate', () => {
    expect([465, 45, 120, 0, -15].map((m) => formatMinutes(m, 'en'))).toEqual(['7h 45m', '45m', '2h', '0m', '-15m']);
    expect([465, 45, 120].map((m) => formatMinutes(m, 'ja'))).toEqual(['7時間45分', '45分', '2時間']);
    expect(formatDate('2025-07-01', 'ja')).toBe('2025年7月1日（火）');
    expect(formatDate('2025-07-01', 'en')).toBe('Tue, Jul 1, 2025');
    expect(formatDate('2025-07-01', 'ja', 'short')).toBe('7/1（火）');
    expect(formatDate('2025-02-30', 'en')).toBe('2025-02-30');
  });

  it('optionLabel and violationItem', () => {
    expect(optionLabel('place', 'home', 'ja')).toBe('自宅');
    expect(optionLabel('connection', 'public_wifi', 'en')).toBe('Public / free Wi-Fi');
    expect(optionLabel('mood', 5, 'en')).toBe(CARD_STRINGS.en.options.mood['5']);
    expect(optionLabel('mood', '1', 'ja')).toBe(CARD_STRINGS.ja.options.mood['1']);
    expect(optionLabel('vpnConnected', true, 'ja')).toBe('はい');
    expect(optionLabel('pcStored', 'false', 'en')).toBe('No');
    expect(violationItem('public_wifi', 'en')).toEqual({ rule: RULES.public_wifi.ref, text: RULES.public_wifi.text.en });
    expect(violationItem('public_wifi', 'ja').rule).toContain('G 1.2');
  });

  it('summary facts render in a summary card', () => {
    const start = startAnswersSchema.parse(sample('checkin-start').prefill);
    const end = endAnswersSchema.parse({ endTime: '17:40', ...sample('checkin-end').prefill });
    for (const locale of LOCALES) {
      const facts = startSummaryFacts(start, locale);
      expect(facts).toHaveLength(11);
      expect(endSummaryFacts(end, locale).map((f) => f.title)).toContain(CARD_STRINGS[locale].end.break1);
      const card = renderCard('checkin-summary', { ...sample('checkin-summary'), kind: 'start', facts }, locale);
      expect(JSON.stringify(card)).toContain(CARD_STRINGS[locale].fields.place);
    }
  });
});
