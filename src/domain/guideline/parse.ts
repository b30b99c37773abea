/**
 * The company guideline as Markdown (GUIDELINE_FILE, docs/guideline.md), turned into the passages
 * answers quote. Only the few constructs a policy document needs are read: `##`/`###` headings, list
 * items with their indented continuation lines, paragraphs and tables; an HTML comment
 * `<!-- not-indexed -->` right under a heading keeps that section (a table of contents, a change log)
 * out of answers. Passages keep the file's wording exactly: answers quote, they never rephrase.
 */

export interface Passage {
  /** Position in the file, stable for one version (feedback names passages by it). */
  readonly id: number;
  /** The rule reference as the app cites it: `G 3`, `G 1.1`, `G 目的`. */
  readonly ref: string;
  /** The section's own heading, e.g. `テレワーク場所（自宅）のネットワーク`. */
  readonly heading: string;
  /** `<ref> <heading>`: what answers print above a quote and what the question set expects. */
  readonly citation: string;
  /** The words of the guideline, lines as in the file. */
  readonly text: string;
}

export interface GuidelineSection {
  readonly ref: string;
  readonly heading: string;
  readonly citation: string;
}

export interface Guideline {
  readonly title: string;
  /** Every indexed section in file order (for "not in the guideline: these are its sections"). */
  readonly sections: readonly GuidelineSection[];
  readonly passages: readonly Passage[];
}

/** What the rule references are prefixed with: DOMAIN.md cites the company guideline as G. */
const REF_PREFIX = 'G';
const NOT_INDEXED = /<!--\s*not-indexed\s*-->/;
/** `1.`, `１．`, `3` at the start of a heading: the section's number. */
const NUMBERED_HEADING = /^([0-9０-９]+(?:[.．][0-9０-９]+)*)[.．]?\s+(.*)$/;
const ORDERED_ITEM = /^(\d+)\.\s+(.*)$/;
const BULLET_ITEM = /^[-*+]\s+(.*)$/;

interface Context {
  ref: string;
  heading: string;
  numbered: boolean;
  indexed: boolean;
}

/** Parses the guideline file; throws with the line number when it has no section to answer from. */
export function parseGuideline(markdown: string): Guideline {
  const lines = stripComments(markdown.replace(/\r\n?/g, '\n')).split('\n');
  let title = '';
  const sections: GuidelineSection[] = [];
  const passages: Passage[] = [];
  let context: Context | undefined;
  let block: string[] = [];
  let blockRef: string | undefined;

  const flush = () => {
    const text = block.join('\n').trim();
    if (text && context?.indexed) {
      const ref = blockRef ?? context.ref;
      passages.push({ id: passages.length, ref, heading: context.heading, citation: citationOf(ref, context.heading), text });
      const citation = citationOf(context.ref, context.heading);
      if (!sections.some((s) => s.citation === citation)) sections.push({ ref: context.ref, heading: context.heading, citation });
    }
    block = [];
    blockRef = undefined;
  };

  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      const headingText = (heading[2] ?? '').trim();
      if (level === 1) {
        title = headingText;
        continue;
      }
      context = sectionContext(level, headingText, context);
      continue;
    }
    if (line.includes('\u0000not-indexed')) {
      if (context) context.indexed = false;
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const indented = /^\s{2,}/.test(line);
    const content = line.trim();
    const ordered = ORDERED_ITEM.exec(content);
    const bullet = BULLET_ITEM.exec(content);
    if (!indented && (ordered || bullet)) {
      // A new list item at the top level: a passage of its own.
      flush();
      if (ordered && context?.numbered) blockRef = `${context.ref}.${ordered[1]}`;
      block.push(ordered ? (ordered[2] ?? '') : (bullet?.[1] ?? ''));
      continue;
    }
    if (/^\|(\s*:?-+:?\s*\|)+$/.test(content)) continue; // a table's separator row
    block.push(tableRow(content) ?? content);
  }
  flush();
  if (!passages.length) throw new Error('the guideline file has no section with text under a "##" heading');
  return { title, sections, passages };
}

/** `G 3 テレワーク場所（自宅）のネットワーク`; `G 目的`, not `G 目的 目的`, where the reference is the heading. */
function citationOf(ref: string, heading: string): string {
  return heading.startsWith(ref.slice(REF_PREFIX.length + 1)) ? `${REF_PREFIX} ${heading}` : `${ref} ${heading}`;
}

/** The section a heading opens: numbered top sections are `G <n>`, others `G <heading>`; subsections keep their parent's reference. */
function sectionContext(level: number, text: string, parent: Context | undefined): Context {
  const numbered = NUMBERED_HEADING.exec(text);
  const number = numbered?.[1]?.normalize('NFKC').replace(/[.．]/g, '.');
  if (level === 2) {
    return numbered
      ? { ref: `${REF_PREFIX} ${number}`, heading: numbered[2] ?? text, numbered: true, indexed: true }
      : { ref: `${REF_PREFIX} ${text.split(/[：:]/)[0]}`, heading: text, numbered: false, indexed: true };
  }
  const ref = number ? `${REF_PREFIX} ${number}` : (parent?.ref ?? `${REF_PREFIX} ${text}`);
  return { ref, heading: numbered?.[2] ?? text, numbered: false, indexed: parent?.indexed ?? true };
}

/** A table row as its cells, `a | b | c` (the pipes around it are Markdown, not words); empty cells left out. */
function tableRow(line: string): string | undefined {
  if (!line.startsWith('|') || !line.endsWith('|') || line.length < 2) return undefined;
  return line
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(' | ');
}

/**
 * Removes HTML comments (notes for whoever edits the file), leaving a marker where a comment said
 * `not-indexed`. The scan is linear: no pattern that could backtrack on a hostile file.
 */
function stripComments(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open < 0) return out + text.slice(at);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out + text.slice(at, open);
    out += text.slice(at, open);
    if (NOT_INDEXED.test(text.slice(open, close + 3))) out += '\u0000not-indexed';
    at = close + 3;
  }
}
