/**
 * Golden card test (issue 20): the compiled templates (src/cards/compile.ts) render every card
 * exactly — byte for byte in JSON, or the same failure — as adaptivecards-templating with the former
 * marking and escaping did (test/support/reference-render.ts), for every template × language ×
 * sample, and for variants of each sample that reach what the samples do not show: each field
 * dropped, emptied, nulled; every text long, empty or hostile Markdown/HTML; every number zero,
 * large, negative or fractional; every list empty or repeated; every flag flipped.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../src/domain/shared/locale';
import { CARD_NAMES, renderCard, templateStrings, type CardData, type CardName } from './support/card-catalog';
import { sample } from './support/cards';
import { cardVariants } from './support/card-variants';
import { referenceRender } from './support/reference-render';

const LOCALES: readonly Locale[] = ['ja', 'en'];

/** The card's JSON text, or the fact that it failed (both renderers must fail on the same data). */
function outcome(render: () => unknown): string {
  try {
    return JSON.stringify(render());
  } catch {
    return 'throws';
  }
}

describe('compiled cards equal the templating library', () => {
  it.each(CARD_NAMES.map((name) => [name]))('%s: sample and its variants, ja and en', (name: CardName) => {
    const variants = cardVariants(sample(name));
    let compared = 0;
    for (const [label, data] of variants) {
      for (const locale of LOCALES) {
        // Variants in one language each keep the run short; the sample and the all-field variants run in both.
        if (label.startsWith('field ') && locale === (compared % 2 ? 'ja' : 'en')) continue;
        const expected = outcome(() => referenceRender(name, data, templateStrings(name, locale)));
        const actual = outcome(() => renderCard(name, data as CardData[CardName], locale));
        expect(actual, `${name} ${locale} ${label}`).toBe(expected);
        compared++;
      }
    }
    expect(outcome(() => renderCard(name, sample(name), 'ja'))).not.toBe('throws');
  });
});
