/**
 * The card renderer as it was before the cards were compiled (src/cards/compile.ts), kept as the
 * oracle of the golden card test: adaptivecards-templating expands the template; the bindings of its
 * Markdown texts are marked before expansion and the marked values escaped after it. This is the
 * code of src/cards/render.ts and escape.ts at commit 1f91ec1, with the binding classification
 * (markBinding) shared with the compiler so both follow the same escaping decisions.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { bindingEnd, escapeMarkdown, markBinding } from '../../src/cards/escape';
import { CARDS_DIR } from '../../src/cards/render';
import type { AdaptiveCardJson, JsonObject, JsonValue } from '../../src/cards/types';

type Json = JsonValue;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The former `markdownMarks(nonce)` of src/cards/escape.ts. */
function markdownMarks(nonce: string): { mark<T extends Json>(template: T): T; escapeMarked<T extends Json>(card: T): T } {
  const open = `\u0002${nonce}\u0003`;
  const close = `\u0003${nonce}\u0002`;
  const marked = new RegExp(`${open}([\\s\\S]*?)${close}`, 'g');
  const markText = (text: string): string => {
    let out = '';
    let i = 0;
    for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', i)) {
      const end = bindingEnd(text, start + 2);
      if (end === -1) break;
      out += text.slice(i, start) + markBinding(text.slice(start + 2, end), open, close);
      i = end + 1;
    }
    return out + text.slice(i);
  };
  const mark = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(mark);
    if (node === null || typeof node !== 'object') return node;
    const copy: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) {
      const isMarkdown = (node['type'] === 'TextBlock' && key === 'text') || (node['type'] === 'FactSet' && key === 'facts');
      copy[key] = isMarkdown ? markFacts(value, key === 'text') : mark(value);
    }
    return copy;
  };
  const markFacts = (value: Json, isText: boolean): Json => {
    if (isText) return typeof value === 'string' ? markText(value) : value;
    if (!Array.isArray(value)) return mark(value);
    return value.map((fact) => {
      if (fact === null || typeof fact !== 'object' || Array.isArray(fact)) return mark(fact);
      const copy = mark(fact) as { [key: string]: Json };
      for (const key of ['title', 'value']) {
        const text = copy[key];
        if (typeof text === 'string') copy[key] = markText(text);
      }
      return copy;
    });
  };
  const unmark = (node: Json): Json => {
    if (typeof node === 'string') return node.includes(nonce) ? node.replace(marked, (_m, value: string) => escapeMarkdown(value)).split(open).join('').split(close).join('') : node;
    if (Array.isArray(node)) return node.map(unmark);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, unmark(value)]));
  };
  return { mark: <T extends Json>(template: T) => mark(template) as T, escapeMarked: <T extends Json>(card: T) => unmark(card) as T };
}

const marks = markdownMarks(randomUUID());
const templates = new Map<string, JsonObject>();

const INPUT_TYPES: ReadonlySet<string> = new Set(['Input.Text', 'Input.Time', 'Input.Date', 'Input.ChoiceSet', 'Input.Number', 'Input.Toggle']);
function dropEmptyInputValues(node: JsonValue): void {
  if (Array.isArray(node)) {
    for (const item of node) dropEmptyInputValues(item);
    return;
  }
  if (!isObject(node)) return;
  const type = node['type'];
  if (typeof type === 'string' && INPUT_TYPES.has(type) && node['value'] === '') delete node['value'];
  for (const value of Object.values(node)) dropEmptyInputValues(value);
}

/** A template expanded by the library with the former marking and escaping of its Markdown texts and empty inputs dropped. */
export function expandWithLibrary(template: JsonValue, root: object): unknown {
  const expanded: unknown = new ACData.Template(marks.mark(template)).expand({ $root: root });
  if (expanded === undefined) return undefined;
  const card = marks.escapeMarked(expanded as JsonValue);
  dropEmptyInputValues(card);
  return card;
}

/** The card as src/cards/render.ts rendered it at 1f91ec1, for `data` and the strings `t` of its feature. */
export function referenceRender(name: string, data: object, t: object): AdaptiveCardJson {
  let template = templates.get(name);
  if (!template) {
    template = marks.mark(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as JsonObject);
    templates.set(name, template);
  }
  const expanded: unknown = new ACData.Template(template).expand({ $root: { ...data, t } });
  if (!isObject(expanded)) throw new Error(`card ${name} did not expand to an object`);
  const card = marks.escapeMarked(expanded);
  dropEmptyInputValues(card);
  const { type: _type, version: _version, $schema: _schema, ...rest } = card;
  return { type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', ...rest };
}
