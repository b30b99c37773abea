import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../src/cards/render';
import { CARD_NAMES } from './support/card-catalog';

describe('card catalog', () => {
  it('every template in cards/ belongs to the core or a feature', () => {
    const templates = readdirSync(CARDS_DIR)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.sample.json'))
      .map((f) => f.slice(0, -'.json'.length));
    expect([...templates].sort()).toEqual([...CARD_NAMES].sort());
  });

  it('every card has its template and its sample data', () => {
    const missing = CARD_NAMES.flatMap((name) => [`${name}.json`, `${name}.sample.json`]).filter((f) => !existsSync(path.join(CARDS_DIR, f)));
    expect(missing).toEqual([]);
  });

  it('names are unique across the core and the features', () => {
    expect(new Set(CARD_NAMES).size).toBe(CARD_NAMES.length);
  });
});
