/**
 * The guideline question set (test/fixtures/qa.json) against the default guideline, as the app
 * loads it: shared by the quality test and `npm run bench:qa`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGuideline } from '../../src/features/guideline';

const ROOT = path.resolve(__dirname, '../..');
export const GUIDELINE_FILE = path.join(ROOT, 'docs/guideline/guideline.ja.md');
const SYNONYMS_FILE = path.join(ROOT, 'docs/guideline/synonyms.json');

interface QaQuestion {
  readonly question: string;
  /** A passage's rule reference (`G 1.1`) or citation; null: not in the guideline. */
  readonly section: string | null;
}

export interface QaResult {
  readonly questions: number;
  readonly top1: number;
  readonly top3: number;
  /** Off-topic questions answered anyway (should be none). */
  readonly guessed: readonly string[];
  readonly misses: readonly { question: string; expected: string; got: string[] }[];
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function questionSet(): QaQuestion[] {
  return (JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/qa.json'), 'utf8')) as { questions: QaQuestion[] }).questions;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Asks every question `rounds` times (timings over all rounds; accuracy from the first). */
export function runQuestionSet(rounds = 1): QaResult {
  const { index } = loadGuideline({ file: GUIDELINE_FILE, synonymsFile: SYNONYMS_FILE });
  const questions = questionSet();
  const timings: number[] = [];
  let top1 = 0;
  let top3 = 0;
  let answerable = 0;
  const guessed: string[] = [];
  const misses: { question: string; expected: string; got: string[] }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const started = performance.now();
      const answer = index.ask(q.question);
      timings.push(performance.now() - started);
      if (round > 0) continue;
      const got = answer.found ? answer.quotes.map((quote) => quote.passage) : [];
      if (q.section === null) {
        if (answer.found) guessed.push(q.question);
        continue;
      }
      answerable += 1;
      const hit = (p: { ref: string; citation: string }) => p.ref === q.section || p.citation === q.section;
      if (got[0] && hit(got[0])) top1 += 1;
      if (got.some(hit)) top3 += 1;
      else misses.push({ question: q.question, expected: q.section, got: got.map((p) => p.citation) });
    }
  }
  const sorted = [...timings].sort((x, y) => x - y);
  return { questions: questions.length, top1: top1 / answerable, top3: top3 / answerable, guessed, misses, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}
