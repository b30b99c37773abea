/**
 * `npm run bench:qa`: the guideline question set (test/fixtures/qa.json) against the default
 * guideline: top-1 and top-3 accuracy and the answer time (p50, p99 over 20 rounds), as one JSON
 * line and a table. The issue's bar: top-3 ≥ 0.9, p99 ≤ 50 ms.
 */
import { runQuestionSet } from '../test/support/qa';

const ROUNDS = 20;
const result = runQuestionSet(ROUNDS);
const row = {
  questions: result.questions,
  'top-1': Number(result.top1.toFixed(3)),
  'top-3': Number(result.top3.toFixed(3)),
  'off-topic answered': result.guessed.length,
  'p50 ms': Number(result.p50Ms.toFixed(3)),
  'p99 ms': Number(result.p99Ms.toFixed(3)),
};
console.log(JSON.stringify(row));
console.table([row]);
for (const miss of result.misses) console.log(`not in the top 3: ${miss.question} (expected ${miss.expected}; got ${miss.got.join(' / ') || 'nothing'})`);
for (const question of result.guessed) console.log(`answered although off-topic: ${question}`);
