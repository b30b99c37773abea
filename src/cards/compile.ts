/**
 * Card templates compiled once into closures that expand them as adaptivecards-templating 2.x did:
 * `${…}` bindings (a string that is one binding keeps the value's type, a longer text is a string),
 * `$data` (a list repeats the element per item, anything else rebinds it), `$when` (only `true`
 * keeps the element), elements that expand to nothing dropped from lists and repeats spliced in,
 * and a failed binding inside a text shown as its own `${…}`, as the library shows it.
 *
 * People's text in Markdown texts is escaped while it is bound (src/cards/escape.ts decides which
 * bindings), which gives the same card as the library's marking and escaping after expansion.
 */
import { bindingEnd, escapeMarkdown, markBinding } from './escape';
import { compileExpression, Failure, type Evaluator, type Scope } from './evaluate';
import { parseExpression, printExpression, type ExprNode } from './expression';

type Expand = (scope: Scope) => unknown;

/** The marks of src/cards/escape.ts's `markBinding` as the compiler writes them: only ever seen at compile time. */
const MARKS = { open: '\u0002mark\u0003', close: '\u0003mark\u0002' } as const;
/** Keys the library reads and never copies into the card. */
const RESERVED: ReadonlySet<string> = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const print = (node: ExprNode): string => printExpression(node, MARKS);

const INPUT_TYPES: ReadonlySet<string> = new Set(['Input.Text', 'Input.Time', 'Input.Date', 'Input.ChoiceSet', 'Input.Number', 'Input.Toggle']);

/** Templates yield `value: ""` for an input without a previous answer; dropped so the input starts empty. */
function dropEmptyValue(element: Record<string, unknown>): Record<string, unknown> {
  const type = element['type'];
  if (typeof type === 'string' && INPUT_TYPES.has(type) && element['value'] === '') delete element['value'];
  return element;
}

/**
 * A value bound from the data, copied as the library's unmarking pass copied the card (the card never
 * shares an object with the data), empty input values dropped in it as everywhere in the card.
 */
function copyBound(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyBound);
  if (value === null || typeof value !== 'object') return value;
  return dropEmptyValue(Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copyBound(inner)])));
}

/** `replace(T, P, concat(open, string(V), close))` as written by markBinding becomes `replace(T, P, escaped(V))`. */
function readMarks(node: ExprNode): ExprNode {
  if (node.kind === 'element') return { ...node, instance: readMarks(node.instance), index: readMarks(node.index) };
  if (node.kind !== 'call') return node;
  const [open, text, close] = node.args;
  if (node.name === 'concat' && open?.kind === 'constant' && open.value === MARKS.open && close?.kind === 'constant' && close.value === MARKS.close) {
    if (node.args.length !== 3 || text?.kind !== 'call' || text.name !== 'string' || text.args.length !== 1 || !text.args[0]) {
      throw new Error(`card template: unexpected escape marks in ${print(node)}`);
    }
    return { kind: 'escaped', value: readMarks(text.args[0]) };
  }
  return { ...node, args: node.args.map(readMarks) };
}

/** The library's unmarking of a text: each marked part escaped, the marks removed. */
function unmark(text: string): string {
  const marked = new RegExp(`${MARKS.open}([\\s\\S]*?)${MARKS.close}`, 'g');
  return text.replace(marked, (_match, value: string) => escapeMarkdown(value)).split(MARKS.open).join('').split(MARKS.close).join('');
}

/** One `${…}` of a text: its closure, what the library shows when it fails, and whether its value is escaped whole. */
interface Binding {
  readonly evaluate: Evaluator;
  readonly failed: string;
  readonly escaped: boolean;
  /** For a `concat(…)` call: its arguments, each a binding of its own. */
  readonly concatArgs?: readonly Binding[];
}
type Part = string | Binding;

function binding(source: string, escaped: boolean): Binding {
  if (/[\r\n{}`]/.test(source.replace(/'[^']*'/g, "''"))) throw new Error(`card template: unsupported binding \${${source}}`);
  const tree = readMarks(parseExpression(source));
  return compiledBinding(tree, escaped);
}

function compiledBinding(tree: ExprNode, escaped: boolean): Binding {
  const concatArgs = tree.kind === 'call' && tree.name === 'concat' ? tree.args.map((arg) => compiledBinding(arg, false)) : undefined;
  return { evaluate: compileExpression(tree, print), failed: unmark(`\${${print(tree)}}`), escaped, ...(concatArgs ? { concatArgs } : {}) };
}

/** The texts and bindings of a template string; in a Markdown text each binding is marked first (escape.ts). */
function parts(text: string, markdown: boolean): Part[] {
  const out: Part[] = [];
  let position = 0;
  for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', position)) {
    const end = bindingEnd(text, start + 2);
    if (end === -1) throw new Error(`card template: unclosed binding in "${text}"`);
    if (start > position) out.push(text.slice(position, start));
    const source = text.slice(start + 2, end);
    if (!markdown) out.push(binding(source, false));
    else {
      const marked = markBinding(source, MARKS.open, MARKS.close);
      const whole = marked.startsWith(MARKS.open);
      // Marked whole, the binding is part of a longer text (open + binding + close), never a typed value.
      if (whole) out.push('', binding(source, true), '');
      else out.push(binding(marked.slice(2, -1), false));
    }
    position = end + 1;
  }
  if (position < text.length) out.push(text.slice(position));
  return out;
}

/** One part of a longer text as the library's interpolation loop makes it: a failure shows its binding; no value throws. */
function textOf(part: Binding, scope: Scope): string {
  let value: unknown;
  try {
    value = part.evaluate(scope, true);
  } catch {
    value = new Failure('threw');
  }
  if (value instanceof Failure) value = part.failed;
  if (value == null) throw new TypeError(`a card binding has no value: ${part.failed}`);
  const text = String(value);
  return part.escaped ? escapeMarkdown(text) : text;
}

function compileString(text: string, markdown: boolean): Expand {
  if (!text.includes('${')) return () => text;
  // The library reads such a text as a JS-like template literal, where these characters escape or end it.
  if (/`|\\[`$]/.test(text)) throw new Error(`card template: a backtick or \\$ in "${text}" is not supported`);
  let compiled: readonly Part[] = parts(text, markdown);
  const [only] = compiled;
  // The library evaluates a binding that is one `concat(…)` as a text of its arguments (its interpolation loop).
  if (compiled.length === 1 && typeof only === 'object' && only.concatArgs) compiled = only.concatArgs;
  else if (compiled.length === 1 && typeof only === 'object') {
    return (scope) => {
      const value = only.evaluate(scope, true);
      if (value instanceof Failure) throw new Error(`card binding ${only.failed} failed: ${value.message}`);
      return copyBound(value);
    };
  }
  return (scope) => {
    let out = '';
    for (const part of compiled) out += typeof part === 'string' ? part : textOf(part, scope);
    return out;
  };
}

/** `$data` and `$when` are one binding each: a text around them is not a template this compiler reproduces. */
function wholeBinding(value: unknown, key: string): Evaluator | undefined {
  if (value === undefined) return undefined;
  const source = typeof value === 'string' && value.startsWith('${') && bindingEnd(value, 2) === value.length - 1 ? value.slice(2, -1) : undefined;
  const compiled = source === undefined ? undefined : binding(source, false);
  if (!compiled || compiled.concatArgs) throw new Error(`card template: ${key} must be one binding, got ${JSON.stringify(value)}`);
  return compiled.evaluate;
}

/**
 * An element, with its Markdown texts: a TextBlock's text, and a fact's title and value (escape.ts
 * marks the same ones).
 */
function compileObject(node: Readonly<Record<string, unknown>>, isFact = false): Expand {
  const repeat = wholeBinding(node['$data'], '$data');
  const when = wholeBinding(node['$when'], '$when');
  const markdown = [...(node['type'] === 'TextBlock' ? ['text'] : []), ...(isFact ? ['title', 'value'] : [])];
  const entries: [string, Expand][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (RESERVED.has(key)) continue;
    if (markdown.includes(key) && typeof value === 'string') entries.push([key, compileString(value, true)]);
    else if (node['type'] === 'FactSet' && key === 'facts' && Array.isArray(value)) entries.push([key, compileArray(value, true)]);
    else entries.push([key, compileValue(value)]);
  }
  const single = (scope: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, expand] of entries) {
      const value = expand(scope);
      if (value !== undefined) out[key] = value;
    }
    return dropEmptyValue(out);
  };
  const kept = when ? (scope: Scope) => when(scope, false) === true : () => true;
  if (!repeat) return (scope) => (kept(scope) ? single(scope) : null);
  return (scope) => {
    const bound = repeat(scope, true);
    if (bound instanceof Failure) throw new Error(`card $data failed: ${bound.message}`);
    // The library rebinds `$data` only to an item that is not undefined, and keeps it over the next items.
    let data = scope.data;
    const scopes = Array.isArray(bound)
      ? (bound as unknown[]).map((item, index): Scope => ({ root: scope.root, data: (data = item !== undefined ? item : data), index }))
      : [bound !== undefined ? { ...scope, data: bound } : scope];
    const out: Record<string, unknown>[] = [];
    for (const itemScope of scopes) if (kept(itemScope)) out.push(single(itemScope));
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A list: elements that expand to null are dropped, repeated elements are spliced in. */
function compileArray(items: readonly unknown[], facts = false): Expand {
  const compiled = items.map((item) => (facts && isPlainObject(item) ? compileObject(item, true) : compileValue(item)));
  return (scope) => {
    const out: unknown[] = [];
    for (const expand of compiled) {
      const value = expand(scope);
      if (value === null) continue;
      if (Array.isArray(value)) for (const inner of value) out.push(inner);
      else out.push(value);
    }
    return out;
  };
}

function compileValue(value: unknown): Expand {
  if (typeof value === 'string') return compileString(value, false);
  if (Array.isArray(value)) return compileArray(value);
  if (isPlainObject(value)) return compileObject(value);
  return () => value;
}

/** The expansion of a whole template: `root` is the card data (with its UI strings as `t`). */
export type CompiledTemplate = (root: unknown) => unknown;

/** Compiles a parsed template; throws when it uses anything the compiler does not reproduce exactly. */
export function compileTemplate(template: unknown): CompiledTemplate {
  const expand = compileValue(template);
  return (root) => expand({ root, data: undefined, index: undefined });
}
