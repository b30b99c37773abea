import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cards/verbs';
import type { AdaptiveCardJson, JsonObject } from '../src/cards/types';
import { LOCALES } from '../src/domain/shared/locale';
import { GAP_REASONS } from '../src/features/gapcheck/repository';
import { CARD_STRINGS, renderCard } from './support/card-catalog';
import { choiceValues, inputById, inputs, objects, parserProblems, sample, schemaErrors, schemaPresent } from './support/cards';

const actions = (card: AdaptiveCardJson): JsonObject[] => objects(card).filter((o) => o['type'] === 'Action.Execute');
const problems = (card: AdaptiveCardJson): unknown[] => [
  ...(JSON.stringify(card).includes('${') ? ['unexpanded template expression'] : []),
  ...parserProblems(card),
  ...(schemaPresent ? schemaErrors(card) : []),
];

describe.each(LOCALES)('gap-reason card in %s', (locale) => {
  const t = CARD_STRINGS[locale];

  it('asks for a reason: the choices are the validator’s values, the note is optional, the day goes back', () => {
    const data = sample('gap-reason');
    const card = renderCard('gap-reason', data, locale);
    expect(choiceValues(inputById(card, 'reason'))).toEqual([...GAP_REASONS]);
    expect(inputById(card, 'reason')?.['isRequired']).toBe(true);
    expect(inputById(card, 'note')?.['maxLength']).toBe(500);
    expect(actions(card).map((a) => [a['verb'], a['data']])).toEqual([[VERBS.gapReason, { date: data.date }]]);
    const text = JSON.stringify(card);
    for (const s of [t.gapReason.text.replace('{date}', data.dateLabel), data.reported, data.recorded, data.difference]) expect(text).toContain(s);
    expect(problems(card)).toEqual([]);
  });

  it('answered: the read-only confirmation, no inputs and no button', () => {
    const answered = renderCard('gap-reason', { ...sample('gap-reason'), confirmation: '✓ 22:30' }, locale);
    expect(inputs(answered)).toEqual([]);
    expect(actions(answered)).toEqual([]);
    expect(JSON.stringify(answered)).toContain('✓ 22:30');
    expect(problems(answered)).toEqual([]);
  });
});
