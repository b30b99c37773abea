/**
 * Okapi BM25 over a few hundred passages: 60 lines of our own instead of a search library, because
 * the corpus is one document (MiniSearch or Orama would bring their own tokenizers, which split a
 * Japanese sentence into one token, and a second index format to keep in step with this one).
 */

/** The usual constants (Robertson and Zaragoza 2009). */
const K1 = 1.2;
const B = 0.75;

export interface ScoredDoc {
  readonly doc: number;
  readonly score: number;
  /** Share of the weight (IDF) of the question's terms the guideline knows that this document matched, 0–1. */
  readonly coverage: number;
}

export interface Bm25Index {
  /** Documents with a score above 0, best first. */
  search(queryTerms: readonly string[]): ScoredDoc[];
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
  const idf = (term: string): number => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  };

  return {
    search(queryTerms) {
      // Terms no passage has (particles glued to a neighbour by the bigrams, a name) say nothing either way.
      const unique = [...new Set(queryTerms)].filter((term) => documentFrequency.has(term));
      const weights = unique.map(idf);
      const total = weights.reduce((sum, w) => sum + w, 0);
      if (total === 0) return [];
      const results: ScoredDoc[] = [];
      frequencies.forEach((tf, doc) => {
        const length = docs[doc]?.length ?? 0;
        let score = 0;
        let matched = 0;
        unique.forEach((term, i) => {
          const f = tf.get(term);
          if (!f) return;
          const weight = weights[i] ?? 0;
          score += (weight * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * length) / averageLength));
          matched += weight;
        });
        if (score > 0) results.push({ doc, score, coverage: matched / total });
      });
      return results.sort((x, y) => y.score - x.score || x.doc - y.doc);
    },
  };
}
