// Readable badges: hosts define coloured text (Warning, Attention, Good…) for the default container
// only; inside a styled container (warning, attention…) it falls back to the SDK's colours, e.g. the
// 訓練 badge's #E69500 on the warning background #FFE2B2: 1.9:1 (WCAG asks ≥ 4.5:1). Text in a styled
// container keeps the style's own default foreground (#333333 on #FFE2B2: 10.1:1 in the Agents
// Playground's Teams host config; Teams light and dark pair each container style with its default
// foreground), and coloured text stays on default containers (Teams light attention #C4314B on white:
// 5.4:1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_NAMES } from './support/card-catalog';

type Node = Record<string, unknown>;

/** TextBlocks with a fixed non-default colour inside a container with a non-default style. */
function colouredOnStyled(node: unknown, styled = false, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) colouredOnStyled(item, styled, found);
  } else if (typeof node === 'object' && node !== null) {
    const element = node as Node;
    const style = element['style'];
    const inStyle = styled || (['Container', 'Column', 'TableCell', 'TableRow'].includes(String(element['type'])) && typeof style === 'string' && style !== 'default');
    const color = element['color'];
    if (element['type'] === 'TextBlock' && inStyle && typeof color === 'string' && color.toLowerCase() !== 'default') found.push(String(element['text']));
    for (const value of Object.values(element)) colouredOnStyled(value, inStyle, found);
  }
  return found;
}

describe('card colours stay readable', () => {
  it.each(CARD_NAMES)('%s: no coloured text on a styled container', (name) => {
    const template = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'cards', `${name}.json`), 'utf8')) as unknown;
    expect(colouredOnStyled(template)).toEqual([]);
  });
});
