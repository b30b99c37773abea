import { buildBm25 } from './bm25';
import type { Guideline, Passage } from './parse';
import { synonymGroupsOf, type Synonyms } from './synonyms';
import { bigramsOf, MAX_QUESTION_CHARS, normalize, terms, tokenize } from './tokenize';

/**
 * Answers a question with the guideline's own words: the passages that match it best, quoted as
 * they are, or "not in the guideline" — never a guess. Pure: the file, the synonyms and the rule
 * table come in as values (src/features/guideline reads them).
 */

/** A rule the app already shows in English (src/domain/policy/rules.ts): its quote and our translation. */
export interface EnglishWording {
  readonly ref: string;
  readonly ja: string;
  readonly en: string;
}

export interface Quote {
  readonly passage: Passage;
  /** The rule table's English wording of this passage, where one exists. */
  readonly english: readonly string[];
}

export type GuidelineAnswer = { readonly found: true; readonly quotes: readonly Quote[] } | { readonly found: false };

export interface GuidelineIndex {
  readonly guideline: Guideline;
  /** Up to three passages, best first; nothing when no passage matches well enough. */
  ask(question: string): GuidelineAnswer;
}

/** @internal tested directly */
export const MAX_QUOTES = 3;
/**
 * The best passage must match at least this share of what the question is about (its words and
 * synonym groups, weighted by IDF; a word the guideline does not know weighs the most). The question
 * set (test/fixtures/qa.json) sets it: its off-topic questions stay under it, its real ones above.
 * @internal tested directly
 */
export const MIN_COVERAGE = 0.3;
/**
 * …and share at least this much weight with it, in units of the rarest word (BM25 `strength`): a
 * question about a word nearly every passage has (テレワーク) is not answered by any one of them.
 * @internal tested directly
 */
export const MIN_STRENGTH = 0.5;
/** Passages after the first are quoted only when they score at least this share of the best. */
const RELATIVE_SCORE = 0.45;
/** Kana-only words of a question are its grammar (しそう, ください), rarely its topic. */
const HIRAGANA_WORD = /^[\u3040-\u309f]+$/;
/** A clause shorter than this is too common to tie a passage to a rule. */
const MIN_CLAUSE = 8;

/**
 * The clauses of a rule quote, as they appear in the guideline: split at 。 and 、, without the
 * editorial subject rules.ts puts in brackets at the start of a joined sentence (e.g. 「（私用PCを）」).
 * @internal the test that checks every rule quote against the guideline file splits them the same way
 */
export function quoteClauses(ja: string): string[] {
  return ja
    .split(/[。、]/)
    .map((clause) => clause.replace(/^（[^（）]*を）/, '').trim())
    .filter((clause) => clause.length > 0);
}

/** The English wordings whose Japanese quote a passage contains (a clause long enough to be that rule's). */
function englishOf(passage: Passage, rules: readonly EnglishWording[]): string[] {
  const text = normalize(passage.text).replace(/\s+/g, '');
  const found = rules.filter((rule) => quoteClauses(rule.ja).some((clause) => clause.length >= MIN_CLAUSE && text.includes(normalize(clause).replace(/\s+/g, ''))));
  return [...new Set(found.map((rule) => rule.en))];
}

export function buildGuidelineIndex(guideline: Guideline, synonyms: Synonyms, rules: readonly EnglishWording[]): GuidelineIndex {
  const english = guideline.passages.map((passage) => englishOf(passage, rules));
  // The heading is part of what a passage is about; the English wording lets English questions find it.
  const docs = guideline.passages.map((passage, i) => tokenize(`${passage.heading}\n${passage.text}\n${(english[i] ?? []).join('\n')}`));
  const index = buildBm25(docs);
  return {
    guideline,
    ask(question) {
      const cut = question.slice(0, MAX_QUESTION_CHARS);
      // A synonym group is one concept: the question's own words in it count with it, not again alone.
      const groups = synonymGroupsOf(cut, synonyms);
      const grouped = new Set(groups.flat());
      const { words, bigrams } = terms(cut);
      const ranked = index.search([
        ...groups.map((group) => ({ terms: group, topic: true })),
        // A one-character word (見, 家) is too vague to be what the question is about.
        ...[...new Set(words)].filter((word) => !grouped.has(word)).map((word) => ({ terms: [word], allOf: bigramsOf(word), topic: Array.from(word).length > 1 && !HIRAGANA_WORD.test(word) })),
        ...[...new Set(bigrams)].filter((bigram) => !grouped.has(bigram)).map((bigram) => ({ terms: [bigram] })),
      ]);
      const best = ranked[0];
      if (!best || best.coverage < MIN_COVERAGE || best.strength < MIN_STRENGTH) return { found: false };
      const quotes = ranked
        .filter((hit) => hit.coverage >= MIN_COVERAGE && hit.score >= best.score * RELATIVE_SCORE)
        .slice(0, MAX_QUOTES)
        .flatMap((hit) => {
          const passage = guideline.passages[hit.doc];
          return passage ? [{ passage, english: english[hit.doc] ?? [] }] : [];
        });
      return { found: true, quotes };
    },
  };
}
