/**
 * The card compiler (src/cards/compile.ts) rule by rule: each template language rule the card
 * templates can reach, with data that exercises it, expanded by the compiler and by
 * adaptivecards-templating (the former renderer, with its Markdown marking) — the same JSON, or both
 * fail. The values written out say what the rule is; the library is the judge.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../src/cards/compile';
import type { JsonValue } from '../src/cards/types';
import { HOSTILE } from './support/card-variants';
import { expandWithLibrary } from './support/reference-render';

const outcome = (expand: () => unknown): string => {
  try {
    const value = expand();
    return value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    return 'throws';
  }
};

/** The template's expansion by both; returns it (or 'throws') for the written-out expectation. */
function both(template: JsonValue, root: object): string {
  const expected = outcome(() => expandWithLibrary(template, root));
  const actual = outcome(() => compileTemplate(template)(root));
  expect(actual, JSON.stringify(template)).toBe(expected);
  return actual;
}

const text = (binding: string): JsonValue => ({ type: 'TextBlock', text: binding });
const value = (binding: string): JsonValue => ({ type: 'Input.Text', value: binding });

describe('bindings', () => {
  it('an undefined path stays as its own text; null, empty and zero are values', () => {
    expect(both(value("${x}"), { x: "" })).toBe('{"type":"Input.Text"}');
    expect(both(value('${x}'), { x: '' })).toBe('{"type":"Input.Text"}');
    expect(both(value('${missing}'), {})).toBe('{"type":"Input.Text","value":"${missing}"}');
    expect(both(value('a ${missing.deep} b'), {})).toBe('{"type":"Input.Text","value":"a ${missing.deep} b"}');
    expect(both(value('${x}'), { x: null })).toBe('{"type":"Input.Text","value":null}');
    expect(both(value('a ${x}'), { x: null })).toBe('throws');
    for (const x of ['', 0, false, [], {}, [1, 'two'], { a: 1 }]) {
      both(value('${x}'), { x });
      both(value('= ${x}'), { x });
    }
  });

  it('objects bound from the data are copies, their empty input values dropped, the data untouched', () => {
    const data = { inputs: [{ type: 'Input.Text', id: 'a', value: '' }, { type: 'Input.Date', id: 'b', value: '2026-12-06' }], when: new Date(0) };
    const before = JSON.stringify(data);
    both({ type: 'Container', items: '${inputs}', selectAction: '${when}' }, data);
    const card = compileTemplate({ type: 'Container', items: '${inputs}' })(data) as { items: unknown[] };
    expect(card.items[0]).not.toBe(data.inputs[0]);
    expect(JSON.stringify(data)).toBe(before);
  });

  it('one binding keeps the value type; a longer text is a string', () => {
    expect(both(value('${n}'), { n: 5 })).toBe('{"type":"Input.Text","value":5}');
    expect(both(value(' ${n}'), { n: 5 })).toBe('{"type":"Input.Text","value":" 5"}');
    both(value('${a}${b}'), { a: 1, b: true });
  });

  it('member access ignores case and reads arrays only by index', () => {
    expect(both(value('${User.NAME}'), { user: { name: 'x' } })).toBe('{"type":"Input.Text","value":"x"}');
    both(value('${list.length}'), { list: [1, 2] });
    both(value("${t.mood['5']} ${t.mood[k]} ${t.mood[n]} ${t.mood[missing]}"), { t: { mood: { '5': 'great', a: 'A' } }, k: 'a', n: 5 });
    both(value('${t.mood[missing]}'), { t: { mood: {} } });
    both(value('${list[i]}'), { list: ['a', 'b'], i: 1 });
    both(value('${list[i]} x'), { list: ['a'], i: 3 });
    both(value('${s.x}'), { s: 'text' });
  });

  it('functions: if, exists, empty, count, replace, string, concat', () => {
    for (const x of [undefined, null, '', 0, 3, false, true, [], [0], {}, { a: 1 }, 'x']) {
      both(value('${exists(x)}|${empty(x)}|${if(x, 1, 2)}|${!x}'), x === undefined ? {} : { x });
      both(value('${count(x)}'), x === undefined ? {} : { x });
      both(value('${string(x)}'), x === undefined ? {} : { x });
      both(value("${concat('a', x, 'b')}"), x === undefined ? {} : { x });
      both(value("${replace('a{n}b', '{n}', x)}"), x === undefined ? {} : { x });
    }
    for (const n of [0, 7, 1234, -1234567, 2.5, -0.5, 1e21, 0.1 + 0.2, -0]) both(value("${string(n, 'en-US')}"), { n });
    both(value("${if(exists(o), concat(t.loc[l], ' — ', o), t.loc[l])}"), { t: { loc: { home: 'Home' } }, l: 'home', o: 'desk' });
  });

  it('operators: comparisons of numbers, strings and mixed kinds, && || !', () => {
    const pairs: [unknown, unknown][] = [[1, 0], [0, 0], ['b', 'a'], [1, '1'], [null, 0], [undefined, 1], [[1], [1]], [{ a: 1 }, { a: 1 }]];
    for (const [a, b] of pairs) {
      both(value('${a > b}|${a < b}|${a >= b}|${a <= b}|${a == b}|${a != b}'), { a, b });
      both(value('${if(a > b, 1, 2)}'), { a, b });
      both(value('${exists(a) && a > b}|${a > b || b}|${!(a == b)}'), { a, b });
    }
  });
});

describe('$data, $when, $index', () => {
  const item = { type: 'TextBlock', $data: '${items}', text: '${$index}: ${name} of ${$root.owner}', $when: '${exists(name)}' };
  it('a list repeats the element per item, spliced into the list; none drops it', () => {
    for (const items of [[], [{ name: 'a' }], [{ name: 'a' }, {}, { name: 'c' }], { name: 'object' }, 'text', null, undefined]) {
      both({ type: 'Container', items: [{ type: 'TextBlock', text: 'head' }, item] }, { owner: 'o', ...(items === undefined ? {} : { items }) });
      both({ type: 'Container', selectAction: item }, { owner: 'o', items });
    }
  });

  it('an undefined item keeps the previous item as $data', () => {
    both({ type: 'Container', items: [{ type: 'TextBlock', $data: '${items}', text: '${$index} ${name}' }] }, { name: 'outer', items: [undefined, { name: 'a' }, undefined] });
  });

  it('nested $data and $root', () => {
    const template: JsonValue = { type: 'Container', $data: '${groups}', items: [{ type: 'TextBlock', $data: '${people}', text: '${$index} ${name} ${$root.title}' }] };
    both(template, { title: 'T', groups: [{ people: [{ name: 'a' }, { name: 'b' }] }, { people: [] }, { people: [{ name: 'c' }] }] });
  });

  it('$when keeps an element only for true', () => {
    for (const when of [true, false, 1, 0, '', 'yes', null, [], undefined]) {
      both({ type: 'Container', items: [{ type: 'TextBlock', text: 'x', $when: '${w}' }] }, when === undefined ? {} : { w: when });
    }
    both({ type: 'Container', items: [{ type: 'TextBlock', text: 'x', $when: '${n > 0}' }] }, { n: 'a' });
  });
});

describe('Markdown texts are escaped as the former marking did', () => {
  const root = { t: { s: { hello: 'Hello {name}, *welcome*' } }, name: HOSTILE, n: 3, list: ['**a**', 'b'] };
  it('data escaped, UI strings not, values put into UI strings escaped', () => {
    both(text('${t.s.hello}'), root);
    both(text("${replace(t.s.hello, '{name}', name)}"), root);
    both(text("${replace(t.s.hello, '{name}', n)} and ${name}"), root);
    both(text('${n}'), root);
    both(text('${missing} ${list} ${nameMarkdown}'), { ...root, nameMarkdown: '**ours**' });
    both({ type: 'FactSet', facts: [{ $data: '${list}', title: '${$data}', value: "${replace(t.s.hello, '{name}', $data)}" }] }, root);
  });

  it('a failing binding shows its own text, escaped where it is data', () => {
    both(text("${replace(t.s.hello, '{name}', t.missing[name])} ${t.s[n]} tail"), root);
    both(text("${replace(t.s.hello, '{name}', user_name.first)} x"), { ...root, user_name: { first: null } });
  });
});

describe('what the compiler refuses at compile time', () => {
  it.each(['${a + b}', '${f(x)}', "${string(n, 'de-DE')}", '${a[b].c}', '${$host.x}', '${`x`}', 'tick ` ${x}', '\\${x}', '${}', '${a\nb}'])('%s', (binding) => {
    expect(() => compileTemplate(value(binding))).toThrow();
  });
});
