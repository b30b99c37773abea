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

/**
 * One line with nothing the replacements below would change (most names and departments): the
 * text as it is, without four passes over it. The same characters as INLINE and LINE_START, and no
 * line break.
 */
const NOTHING_TO_ESCAPE = /^(?!\s*(?:[-+=#>]|\d+[.)]))[^\r\n\\`*_[\]<>~&]*$/;

export function escapeMarkdown(text: string): string {
  if (NOTHING_TO_ESCAPE.test(text)) return text;
  return (
    text
      .replace(/\r\n?/g, '\n')
      // A blank line would start a paragraph (or end a list) of the sender's own: lines stay lines.
      .replace(/\n[^\S\n]*(?:\n[^\S\n]*)+/g, '\n')
      .replace(INLINE, '\\$&')
      .replace(LINE_START, (_match, indent: string, marker: string) => (/^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`))
  );
}

/**
 * Bindings whose value is the card's own text: a UI string (`${t.x.y}`, `${$root.t.x[key]}`), or a
 * data field named `…Markdown`, the explicit opt-out for Markdown our own code writes. Everything
 * else in a Markdown text (data, and a UI string with data put into it) is escaped.
 */
/** A UI string with one value put in: `replace(t.x.y, '{placeholder}', value)`. */
const FILL = /^\s*replace\(\s*([^,]+?)\s*,\s*('[^']*')\s*,\s*([\s\S]+?)\s*\)\s*$/;
const TRUSTED = /^\s*(?:(?:\$root\.)?t(?:\.[A-Za-z_$][\w$]*|\[[\w$.]+\])+|[\w$.]*Markdown)\s*$/;

/**
 * How a binding of a Markdown text (TextBlock.text, Fact.title, Fact.value) is escaped, written as
 * the binding text with escape marks around what is escaped: `${t.x.y}` stays; in
 * `${replace(t.x, '{name}', name)}` only the value put in is marked (`concat(open, string(name), close)`);
 * anything else is marked whole (`open${…}close`). The card compiler (src/cards/compile.ts) reads
 * the marks at compile time and escapes the marked values as it binds them.
 */
export function markBinding(expression: string, open: string, close: string): string {
  if (TRUSTED.test(expression)) return `\${${expression}}`;
  const fill = FILL.exec(expression);
  if (fill?.[1] && fill[2] && fill[3] && TRUSTED.test(fill[1])) {
    if (TRUSTED.test(fill[3])) return `\${${expression}}`;
    return `\${replace(${fill[1]}, ${fill[2]}, concat('${open}', string(${fill[3]}), '${close}'))}`;
  }
  return `${open}\${${expression}}${close}`;
}

/** The index of the `}` that closes a binding opened before `from` (braces nest; quoted text is skipped). */
export function bindingEnd(text: string, from: number): number {
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
