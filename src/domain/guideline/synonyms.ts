import { z } from 'zod';
import { normalize, tokenize } from './tokenize';

/**
 * The words employees use for what the guideline names differently (docs/guideline/synonyms.json,
 * next to the guideline): groups of equivalent words. A question containing one word of a group is
 * also searched with the others, which is also how English questions reach the Japanese text.
 */
export interface Synonyms {
  /** Each group's words, normalized, with the terms the others add. */
  readonly groups: readonly { readonly words: readonly string[]; readonly terms: readonly string[] }[];
}

const fileSchema = z.object({ groups: z.array(z.array(z.string().trim().min(1).max(60)).min(2)).max(2000) });

/** Parses the synonyms file's JSON (already parsed from text); throws with the path of a bad entry. */
export function parseSynonyms(json: unknown): Synonyms {
  const parsed = fileSchema.parse(json);
  return { groups: parsed.groups.map((group) => ({ words: group.map(normalize), terms: group.flatMap((word) => tokenize(word)) })) };
}

const LATIN_ONLY = /^[\x20-\x7e]+$/;

/** A Latin word matches as a whole word ("mac" is not in "machine"); a Japanese one anywhere in the question. */
function mentions(question: string, word: string): boolean {
  if (!LATIN_ONLY.test(word)) return question.includes(word);
  let at = question.indexOf(word);
  while (at >= 0) {
    const end = question[at + word.length] === 's' ? at + word.length + 1 : at + word.length; // a plural counts
    if (!/[a-z0-9]/.test(question[at - 1] ?? '') && !/[a-z0-9]/.test(question[end] ?? '')) return true;
    at = question.indexOf(word, at + 1);
  }
  return false;
}

/** The terms of each synonym group the question mentions (one list per group: one concept each). */
export function synonymGroupsOf(question: string, synonyms: Synonyms): string[][] {
  const normalized = normalize(question);
  return synonyms.groups.filter((group) => group.words.some((word) => mentions(normalized, word))).map((group) => [...group.terms]);
}
