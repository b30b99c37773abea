/**
 * Text from people and the directory (names, comments, device names, departments) is shown in
 * TextBlocks and FactSets, which Teams renders as Markdown. Escaped, it shows as the same characters
 * and formats nothing: no link, mention, emphasis, code, heading, quote or list of its own.
 */

/**
 * Characters with a meaning in the Markdown of Adaptive Cards (bold, italic, links; Teams adds code
 * and tags), anywhere in a line, escaped CommonMark-style. `&` too (an entity such as `&lt;at&gt;` could
 * become a tag). Parentheses and `#` are common in names and departments ("営業部(東京)") and form
 * nothing without a `[` (or, for `#`, at the start of a line): a backslash in front of them would only
 * show in clients that do not read escapes.
 */
const INLINE = /[\\`*_[\]<>~&]/g;
/** What starts a list, a heading or a quote at the beginning of a line. */
const LINE_START = /^(\s*)([-+=#>]|\d+(?=[.)]))/gm;

/** @internal exported for the escaping test; the app escapes through `markdownMarks` in render(). */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // A blank line would start a paragraph (or end a list) of the sender's own: lines stay lines.
      .replace(/\n[^\S\n]*(?:\n[^\S\n]*)+/g, '\n')
      .replace(INLINE, '\\$&')
      .replace(LINE_START, (_match, indent: string, marker: string) => (/^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`))
  );
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Bindings whose value is the card's own text: a UI string (`${t.x.y}`, `${$root.t.x[key]}`), or a
 * data field named `…Markdown`, the explicit opt-out for Markdown our own code writes. Everything
 * else in a Markdown text (data, and a UI string with data put into it) is escaped.
 */
/** A UI string with one value put in: `replace(t.x.y, '{placeholder}', value)`. */
const FILL = /^\s*replace\(\s*([^,]+?)\s*,\s*('[^']*')\s*,\s*([\s\S]+?)\s*\)\s*$/;
const TRUSTED = /^\s*(?:(?:\$root\.)?t(?:\.[A-Za-z_$][\w$]*|\[[\w$.]+\])+|[\w$.]*Markdown)\s*$/;

/**
 * Templates mark the bindings of their Markdown texts (TextBlock.text, Fact.title, Fact.value) before
 * expansion; after it, the marked values are escaped and the marks removed. The marks carry a random
 * nonce, so no data can close one early.
 */
export interface MarkdownMarks {
  /** A copy of the template with the untrusted bindings of its Markdown texts marked. */
  mark<T extends Json>(template: T): T;
  /** The expanded card with every marked value escaped and no mark left. */
  escapeMarked<T extends Json>(card: T): T;
}

export function markdownMarks(nonce: string): MarkdownMarks {
  const open = `\u0002${nonce}\u0003`;
  const close = `\u0003${nonce}\u0002`;
  const marked = new RegExp(`${open}([\\s\\S]*?)${close}`, 'g');
  /** `${t.x.y}` stays; `${replace(t.x, '{name}', name)}` marks only the value put in; anything else is marked whole. */
  const markBinding = (expression: string): string => {
    if (TRUSTED.test(expression)) return `\${${expression}}`;
    const fill = FILL.exec(expression);
    if (fill?.[1] && fill[2] && fill[3] && TRUSTED.test(fill[1])) {
      if (TRUSTED.test(fill[3])) return `\${${expression}}`;
      return `\${replace(${fill[1]}, ${fill[2]}, concat('${open}', string(${fill[3]}), '${close}'))}`;
    }
    return `${open}\${${expression}}${close}`;
  };
  const markText = (text: string): string => {
    let out = '';
    let i = 0;
    for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', i)) {
      const end = bindingEnd(text, start + 2);
      if (end === -1) break;
      out += text.slice(i, start) + markBinding(text.slice(start + 2, end));
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

/** The index of the `}` that closes a binding opened before `from` (braces nest; quoted text is skipped). */
function bindingEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
