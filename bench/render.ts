/**
 * Card render benchmark (issue 20): every card template rendered with its sample data, in Japanese
 * and English, through the app's renderers (compiled templates, src/cards/compile.ts).
 *
 *   npm run bench:render -- [--iterations 2000] [--reference]
 *
 * --reference renders with adaptivecards-templating and the former Markdown marking instead
 * (test/support/reference-render.ts: the renderer before the compiler), for the before/after figures.
 * Prints per template the p50 and p99 of one render (ms), then one JSON line: renders, p50 and p99
 * over all renders, the slowest template's p99, and the heap still held after the renders and a GC
 * (`heap retained MB`: nothing per render should stay; needs --expose-gc, which the npm script passes).
 */
import { parseArgs } from 'node:util';
import type { Locale } from '../src/domain/shared/locale';
import { CARD_NAMES, renderCard, templateStrings, type CardData, type CardName } from '../test/support/card-catalog';
import { sample } from '../test/support/cards';
import { referenceRender } from '../test/support/reference-render';
import { pct } from './support';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '2000' }, reference: { type: 'boolean', default: false } } });
const ITERATIONS = Math.max(10, Number(values.iterations));
const LOCALES: readonly Locale[] = ['ja', 'en'];

const render = values.reference
  ? (name: CardName, data: object, locale: Locale) => referenceRender(name, data, templateStrings(name, locale))
  : (name: CardName, data: object, locale: Locale) => renderCard(name, data as CardData[CardName], locale);

const collect = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => {
  collect?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

function main(): void {
  const samples = CARD_NAMES.map((name) => [name, sample(name)] as const);
  // Warm up (templates compiled, code optimised) before the heap baseline and the timings.
  for (let i = 0; i < 50; i++) for (const [name, data] of samples) for (const locale of LOCALES) render(name, data, locale);
  const heapBefore = heapMb();
  const all: number[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const [name, data] of samples) {
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const locale = LOCALES[i % LOCALES.length] as Locale;
      const start = process.hrtime.bigint();
      render(name, data, locale);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push({ template: name, 'p50 ms': round(pct(times, 50)), 'p99 ms': round(pct(times, 99)) });
  }
  const heapAfter = heapMb();
  console.table(rows);
  all.sort((a, b) => a - b);
  const slowest = rows.reduce((worst, row) => ((row['p99 ms'] as number) > (worst['p99 ms'] as number) ? row : worst));
  console.log(
    JSON.stringify({
      renderer: values.reference ? 'adaptivecards-templating' : 'compiled',
      templates: samples.length,
      renders: all.length,
      'p50 ms': round(pct(all, 50)),
      'p99 ms': round(pct(all, 99)),
      'mean ms': round(all.reduce((sum, t) => sum + t, 0) / all.length),
      'slowest p99 ms': slowest['p99 ms'],
      'slowest template': slowest['template'],
      'heap retained MB': collect ? round(heapAfter - heapBefore, 1) : 'run with --expose-gc',
    }),
  );
}

main();
