import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteClauses } from '../src/domain/guideline/answer';
import { normalize } from '../src/domain/guideline/tokenize';
import { HOME_NETWORK_RULES } from '../src/domain/policy/home-network';
import { RULES } from '../src/domain/policy/rules';
import { GUIDELINE_FILE, questionSet, runQuestionSet } from './support/qa';

/**
 * The default guideline (docs/guideline/guideline.ja.md) as employees ask it (test/fixtures/qa.json)
 * and as the violation texts quote it.
 */
describe('the question set against the default guideline', () => {
  const result = runQuestionSet();

  it('has at least 40 questions in employees\' words, Japanese and English, and some off-topic ones', () => {
    const questions = questionSet();
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => /[a-z]{3}/i.test(q.question) && !/[\u3040-\u30ff]/.test(q.question)).length).toBeGreaterThanOrEqual(8);
    expect(questions.filter((q) => q.section === null).length).toBeGreaterThanOrEqual(3);
  });

  it('finds the expected section in the top 3 for at least 90 % of the questions', () => {
    expect(result.top3, JSON.stringify(result.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(result.top1).toBeGreaterThanOrEqual(0.7);
  });

  it('answers no off-topic question: it says the guideline has nothing on it', () => {
    expect(result.guessed).toEqual([]);
  });
});

describe('the rule texts quote the guideline file', () => {
  // Line breaks and full/half width are the file's layout, not its wording.
  const file = normalize(readFileSync(GUIDELINE_FILE, 'utf8')).replace(/\s+/g, '');
  const quotes = [
    ...Object.entries(RULES).map(([kind, rule]) => [`RULES.${kind}`, rule.ref, rule.text.ja] as const),
    ...Object.entries(HOME_NETWORK_RULES).map(([check, rule]) => [`HOME_NETWORK_RULES.${check}`, rule.ref, rule.text.ja] as const),
  ];

  it.each(quotes)('%s (%s): every clause appears word for word', (_name, _ref, ja) => {
    for (const clause of quoteClauses(ja)) expect(file, clause).toContain(normalize(clause).replace(/\s+/g, ''));
  });

  it('cites only sections the file has', () => {
    const refs = new Set(quotes.flatMap(([, ref]) => ref.replace(/^G /, '').split(/,\s*/)));
    for (const ref of refs) expect(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '3']).toContain(ref);
  });
});
