/**
 * Random data shaped like each card's sample (any field missing, null, of another kind, or a random
 * or hostile text; lists of 0–4 random items) renders to the same JSON through the compiled
 * templates as through adaptivecards-templating with the former marking — or fails with it. The
 * golden test (test/card-golden.test.ts) walks the variants one by one; this one mixes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/shared/locale';
import { CARD_NAMES, renderCard, templateStrings, type CardData, type CardName } from '../support/card-catalog';
import { HOSTILE } from '../support/card-variants';
import { sample } from '../support/cards';
import { referenceRender } from '../support/reference-render';

const outcome = (render: () => unknown): string => {
  try {
    return JSON.stringify(render());
  } catch {
    return 'throws';
  }
};

const odd = fc.constantFrom<unknown>(null, undefined, '', 0, -1, 1.5, true, [], {}, HOSTILE);

/** Data of the sample's shape: the sample's own values are likely (they name the catalog's keys), anything else may come. */
function shaped(node: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(node)) return fc.oneof({ weight: 5, arbitrary: fc.array(node.length ? shaped(node[0]) : odd, { maxLength: 4 }) }, { weight: 1, arbitrary: odd });
  if (node !== null && typeof node === 'object') {
    const fields = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, shaped(value)]));
    return fc.oneof({ weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: odd });
  }
  const same = typeof node === 'string' ? fc.oneof(fc.string(), fc.constant(HOSTILE)) : typeof node === 'number' ? fc.oneof(fc.integer(), fc.double({ noDefaultInfinity: true })) : fc.boolean();
  return fc.oneof({ weight: 6, arbitrary: fc.constant(node) }, { weight: 3, arbitrary: same }, { weight: 1, arbitrary: odd });
}

describe('compiled cards equal the library on random data', () => {
  it.each(CARD_NAMES.map((name) => [name]))('%s', (name: CardName) => {
    fc.assert(
      fc.property(shaped(sample(name)), fc.constantFrom<Locale>('ja', 'en'), (data, locale) => {
        const root = (data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {}) as object;
        const expected = outcome(() => referenceRender(name, root, templateStrings(name, locale)));
        expect(outcome(() => renderCard(name, root as CardData[CardName], locale))).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });
});
