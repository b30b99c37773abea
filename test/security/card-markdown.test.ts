import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/escape';
import type { AdaptiveCardJson, JsonObject, JsonValue } from '../../src/cards/types';
import { CARD_NAMES, renderCard, type CardData, type CardName } from '../support/card-catalog';
import { isObject, objects, sample } from '../support/cards';

/**
 * Names, comments, device names and directory fields are shown in TextBlocks and FactSets, which
 * Teams renders as Markdown. Whatever a person or the directory writes there must show as text: no
 * link, mention, emphasis, heading or list of theirs. Only the card's own strings may format.
 */
const LINK = '[x](https://evil.example)';
const HOSTILE = `${LINK} **bold** __u__ *i* _e_ \`code\` <at>x</at> &lt;at&gt; # h\n- item\n+ more\n1. one\n> quote\n\n\n\n## end \\`;

/** The texts of a card that Teams renders as Markdown: TextBlock.text, Fact.title and Fact.value. */
function markdownTexts(card: AdaptiveCardJson): string[] {
  const out: string[] = [];
  for (const o of objects(card)) {
    if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') out.push(o['text']);
    if (o['type'] === 'FactSet' && Array.isArray(o['facts'])) {
      for (const f of o['facts'].filter(isObject)) for (const k of ['title', 'value']) if (typeof f[k] === 'string') out.push(f[k]);
    }
  }
  return out;
}

/** Markdown that would take effect: escaped characters (a backslash and the next one) removed first. */
function activeMarkdown(text: string): string[] {
  const bare = text.replace(/\\[\s\S]/g, '_ESC_');
  const found: string[] = [];
  if (/\]\s*\(/.test(bare)) found.push('link');
  if (/<\s*at\b/i.test(bare) || /&lt;/i.test(bare)) found.push('mention');
  if (/\*\*|(?<![\w])__/.test(bare) || /(?<![\w*])\*(?!\s)[^*\n]+\*/.test(bare)) found.push('emphasis');
  if (/`/.test(bare)) found.push('code');
  if (/^\s{0,3}(#|>|[-+*]\s|\d+[.)]\s)/m.test(bare)) found.push('block');
  if (/\n\s*\n/.test(bare)) found.push('paragraph');
  return found;
}

/** The sample data with every string replaced by hostile text (keys and shape kept). */
function hostile(value: JsonValue): JsonValue {
  if (typeof value === 'string') return HOSTILE;
  if (Array.isArray(value)) return value.map(hostile);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v)]));
  return value;
}

const render = (name: CardName, data: JsonValue, locale: 'ja' | 'en') => renderCard(name, data as unknown as CardData[typeof name], locale);
const findings = (card: AdaptiveCardJson) => new Set(markdownTexts(card).flatMap(activeMarkdown));

describe('user and directory text in cards is shown as text, never as Markdown', () => {
  for (const name of CARD_NAMES) {
    for (const locale of ['ja', 'en'] as const) {
      it(`${name} (${locale}): hostile data adds no link, mention, emphasis or block of its own`, () => {
        const data = sample(name) as unknown as JsonValue;
        const ours = findings(render(name, data, locale));
        const theirs = [...findings(render(name, hostile(data), locale))].filter((f) => !ours.has(f));
        expect(theirs).toEqual([]);
      });
    }
  }

  it('the hostile text still reaches the cards (escaped), and inputs and action data keep it unchanged', () => {
    const cards = CARD_NAMES.map((name) => render(name, hostile(sample(name) as unknown as JsonValue), 'en'));
    const texts = cards.flatMap(markdownTexts);
    expect(texts.filter((t) => t.includes('\\[x\\](https://evil.example)')).length).toBeGreaterThan(10);
    const verbatim = (o: JsonObject) => JSON.stringify(o['data'] ?? o['value'] ?? null).includes(JSON.stringify(HOSTILE).slice(1, -1));
    const carriers = cards.flatMap((c) => objects(c)).filter((o) => (o['type'] === 'Action.Execute' || String(o['type']).startsWith('Input.')) && verbatim(o));
    expect(carriers.length).toBeGreaterThan(0);
  });

  it('escapeMarkdown leaves plain text readable: removing the escapes gives the text back', () => {
    for (const text of ['佐藤 花子', 'Taro (HR) 1.5 days', 'a_b*c', HOSTILE.replace(/\n{2,}/g, '\n')]) {
      expect(escapeMarkdown(text).replace(/\\([\s\S])/g, '$1')).toBe(text);
      expect(activeMarkdown(escapeMarkdown(text))).toEqual([]);
    }
    expect(escapeMarkdown('佐藤 花子')).toBe('佐藤 花子');
  });

  it('escapeMarkdown gives one-line text with nothing to escape back as it is, and escapes the rest as before', () => {
    // Its fast path must not let through what the full escape changes: every case here is compared
    // with the escape done by the four passes alone.
    const fullEscape = (text: string) =>
      text
        .replace(/\r\n?/g, '\n')
        .replace(/\n[^\S\n]*(?:\n[^\S\n]*)+/g, '\n')
        .replace(/[\\`*_[\]<>~&]/g, '\\$&')
        .replace(/^(\s*)([-+=#>]|\d+(?=[.)]))/gm, (_m, indent: string, marker: string) => (/^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`));
    const cases = [
      '', ' ', '佐藤 花子', '営業部(東京)', 'Taro (HR) 1.5 days', '2026年12月7日', '12.5', '3) three', '  4. four', '- item', ' + more', '= h', '# h', '>q',
      'a-b', 'a#b', 'x > y', 'a_b', 'a*b', 'a`b', 'a~b', 'a&b', 'a<b', 'a[b', 'a]b', 'a\\b', 'a\nb', 'a\r\nb', 'a\rb', '\tx', '1', '1x', '１. 全角',
    ];
    for (const text of cases) expect(escapeMarkdown(text), JSON.stringify(text)).toBe(fullEscape(text));
    expect(escapeMarkdown('営業部(東京)')).toBe('営業部(東京)');
    expect(escapeMarkdown('1. one')).toBe('1\\. one');
  });
});
