// The README and the feature pages name card buttons in 「…」 (or “…” in English). Each such quote must
// be a title a card template really shows (the walk-through once said 確認 / 開始 while the card said
// プレビュー / 送信を開始): a renamed button breaks this test instead of leaving the docs wrong.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../src/domain/shared/locale';
import { CARD_NAMES, CARD_STRINGS } from './support/card-catalog';

const ROOT = path.resolve(__dirname, '..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Every `t.section.key` an action title of a template can show (both branches of an `if`). */
function buttonTitles(locale: Locale): Set<string> {
  const titles = new Set<string>();
  const strings = CARD_STRINGS[locale] as unknown as Record<string, Record<string, unknown>>;
  for (const name of CARD_NAMES) {
    const template = readFileSync(path.join(ROOT, 'cards', `${name}.json`), 'utf8');
    const actions = JSON.stringify((JSON.parse(template) as { actions?: unknown }).actions ?? []);
    const inBody = [...template.matchAll(/"type":\s*"Action\.[A-Za-z]+"[^{}]*?"title":\s*"([^"]*)"/g)].map((m) => m[1] ?? '');
    const raw = [...[...actions.matchAll(/"title":"([^"]*)"/g)].map((m) => m[1] ?? ''), ...inBody];
    for (const title of raw) {
      const refs = [...title.matchAll(/t\.([A-Za-z]+)\.([A-Za-z]+)/g)];
      if (!refs.length && !title.includes('${')) titles.add(title);
      for (const [, section, key] of refs) {
        const text = strings[section ?? '']?.[key ?? ''];
        if (typeof text === 'string') titles.add(text);
      }
    }
  }
  return titles;
}

describe('docs quote card buttons as the cards show them', () => {
  const known = { ja: buttonTitles('ja'), en: buttonTitles('en') };

  it.each(DOCS)('%s', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const quotedJa = [...text.matchAll(/「([^」]+)」/g)].map((m) => m[1] ?? '');
    const quotedEn = [...text.matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? '');
    expect(quotedJa.filter((q) => !known.ja.has(q)), 'quoted in 「…」 but no card button is titled so').toEqual([]);
    expect(quotedEn.filter((q) => !known.en.has(q)), 'quoted in “…” but no card button is titled so').toEqual([]);
  });

  it('the playground walk-through names the round buttons', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const title of [CARD_STRINGS.ja.roundForm.preview, CARD_STRINGS.ja.roundConfirm.start, CARD_STRINGS.ja.roundTally.close, CARD_STRINGS.ja.roundTally.confirmClose]) {
      expect(readme).toContain(`「${title}」`);
    }
  });
});
