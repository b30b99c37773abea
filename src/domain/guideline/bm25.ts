/**
 * Okapi BM25 over a few hundred passages: 70 lines of our own instead of a search library, because
 * the corpus is one document (MiniSearch or Orama would bring their own tokenizers, which split a
 * Japanese sentence into one token, and a second index format to keep in step with this one).
 */

/** The usual constants (Robertson and Zaragoza 2009). */
const K1 = 1.2;
const B = 0.75;

export interface ScoredDoc {
  readonly doc: number;
  readonly score: number;
  /** Share of the weight (IDF) of the question's parts the guideline knows that this document matched, 0–1. */
  readonly coverage: number;
  /**
   * The matched weight in units of the highest IDF there is (a word no passage has): how much the
   * document and the question share, whatever the size of the guideline.
   */
  readonly strength: number;
}

/** One concept of a question: a word, a bigram, or a group of synonyms. */
export interface QueryPart {
  /** Any of these found in a document is a match (a group of synonyms lists them all). */
  readonly terms: readonly string[];
  /** …or all of these (a Japanese word's bigrams: ロックする still finds ロック). */
  readonly allOf?: readonly string[];
  /**
   * What the question is about (its words and synonym groups): coverage is measured on these only,
   * and one that no passage has still counts in the question's weight, so an answer about something
   * else (有給休暇 → 申請 alone) falls short. Other parts (bigrams) only add to the score.
   */
  readonly topic?: boolean;
}

export interface Bm25Index {
  /**
   * Documents with a score above 0, best first. A question is a list of parts, each one concept: a
   * word, or a group of synonyms. Every term adds to the score; for coverage and strength a part
   * counts once, with its best matched term, so ten synonyms of one word are still one word.
   */
  search(parts: readonly QueryPart[]): ScoredDoc[];
}

export function buildBm25(docs: readonly (readonly string[])[]): Bm25Index {
  const frequencies = docs.map((terms) => {
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return tf;
  });
  const documentFrequency = new Map<string, number>();
  for (const tf of frequencies) for (const term of tf.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const count = docs.length;
  const averageLength = docs.reduce((sum, terms) => sum + terms.length, 0) / Math.max(1, count);
  const idf = (df: number): number => Math.log(1 + (count - df + 0.5) / (df + 0.5));
  const rarest = idf(0);

  return {
    search(parts) {
      const has = (term: string) => documentFrequency.has(term);
      const weight = (term: string) => idf(documentFrequency.get(term) ?? 0);
      // Terms no passage has (a particle glued to a neighbour by a bigram) add nothing to the score.
      const terms = [...new Set(parts.flatMap((part) => part.terms).filter(has))];
      if (!terms.length) return [];
      // A topic is as heavy as its best known term; one the guideline does not know weighs the most.
      const topics = parts
        .filter((part) => part.topic)
        .map((part) => {
          const known = part.terms.filter(has);
          const allOf = part.allOf?.length && part.allOf.every(has) ? part.allOf : [];
          return { part, weight: known.length ? Math.max(...known.map(weight)) : allOf.length ? Math.min(...allOf.map(weight)) : rarest };
        });
      const total = topics.reduce((sum, topic) => sum + topic.weight, 0);
      const results: ScoredDoc[] = [];
      frequencies.forEach((tf, doc) => {
        const length = docs[doc]?.length ?? 0;
        let score = 0;
        for (const term of terms) {
          const f = tf.get(term);
          if (f) score += (weight(term) * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * length) / averageLength));
        }
        if (score === 0) return;
        const found = (part: QueryPart) => part.terms.some((term) => tf.has(term)) || (!!part.allOf?.length && part.allOf.every((term) => tf.has(term)));
        const matched = topics.reduce((sum, topic) => sum + (found(topic.part) ? topic.weight : 0), 0);
        results.push({ doc, score, coverage: total ? matched / total : 0, strength: matched / rarest });
      });
      return results.sort((x, y) => y.score - x.score || x.doc - y.doc);
    },
  };
}
