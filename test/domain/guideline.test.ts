import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../../src/domain/guideline/bm25';
import { buildGuidelineIndex, MAX_QUOTES, MIN_COVERAGE, MIN_STRENGTH } from '../../src/domain/guideline/answer';
import { parseGuideline } from '../../src/domain/guideline/parse';
import { parseSynonyms, synonymGroupsOf } from '../../src/domain/guideline/synonyms';
import { MAX_QUESTION_CHARS, terms, tokenize } from '../../src/domain/guideline/tokenize';

// The guideline search with plain values: a small file, its synonyms, a rule table.
const FILE = `# 社内ガイドライン

## 目次
<!-- not-indexed -->

- 1. 場所
- 2. 機器

## 1. 場所

1. 在宅勤務中は、自宅以外の場所での業務を禁止する
2. 公衆やフリーのアクセスポイント等への接続は禁止する

## 2. 機器

### 利用するＰＣ機器等

- 原則として会社から貸与したＰＣからのみ業務が可能
  業務用のＰＣは会社から貸与します
- PCから離れる時は必ず画面をロックする事

## 補足：コミュニケーション

チャットは業務の会話です

| 機器 | WEB版 | アプリ版 |
|---|---|---|
| 私用スマホ | ○ | |
`;
const SYNONYMS = parseSynonyms({ groups: [['カフェ', '喫茶店', 'cafe', 'café', '自宅以外の場所'], ['PC', 'パソコン', 'laptop'], ['ロック', 'lock', 'leave the pc']] });
const RULE_TABLE = [{ ref: 'G 1.1', ja: '在宅勤務中は、自宅以外の場所での業務を禁止する', en: 'While working from home, working anywhere other than your home is prohibited.' }];

describe('parseGuideline', () => {
  const guideline = parseGuideline(FILE);

  it('gives numbered list items of a numbered section their own reference, and keeps the words', () => {
    expect(guideline.title).toBe('社内ガイドライン');
    expect(guideline.passages.map((p) => [p.ref, p.citation, p.text])).toEqual([
      ['G 1.1', 'G 1.1 場所', '在宅勤務中は、自宅以外の場所での業務を禁止する'],
      ['G 1.2', 'G 1.2 場所', '公衆やフリーのアクセスポイント等への接続は禁止する'],
      ['G 2', 'G 2 利用するＰＣ機器等', '原則として会社から貸与したＰＣからのみ業務が可能\n業務用のＰＣは会社から貸与します'],
      ['G 2', 'G 2 利用するＰＣ機器等', 'PCから離れる時は必ず画面をロックする事'],
      ['G 補足', 'G 補足：コミュニケーション', 'チャットは業務の会話です'],
      ['G 補足', 'G 補足：コミュニケーション', '機器 | WEB版 | アプリ版\n私用スマホ | ○'],
    ]);
  });

  it('lists the indexed sections only (not the table of contents)', () => {
    expect(guideline.sections.map((s) => s.citation)).toEqual(['G 1 場所', 'G 2 利用するＰＣ機器等', 'G 補足：コミュニケーション']);
  });

  it('refuses a file without any section text', () => {
    expect(() => parseGuideline('# title only\n\nno section')).toThrow(/no section/);
    expect(() => parseGuideline('')).toThrow(/no section/);
  });

  it('reads a hostile file in linear time (unclosed comments, 200 KB of markers)', () => {
    const started = performance.now();
    expect(() => parseGuideline(`## a\n\ntext\n${'<!--'.repeat(50_000)}`)).not.toThrow();
    expect(() => parseGuideline(`## a\n\n${'- '.repeat(100_000)}`)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('tokenize', () => {
  it.each([
    ['words and bigrams of Japanese, no hiragana-only bigram', 'カフェで画面', ['カフェ', '画面', 'カフ', 'フェ', 'ェで', 'で画', '画面']],
    ['full width folded, lower case', 'ＰＣとWi-Fi', ['pc', 'wi', 'fi']],
    ['English stop words out, plurals stemmed', 'Can I use my own phones?', ['own', 'phone']],
    ['punctuation only: nothing', '？！。、…「」()[]', []],
    ['empty', '', []],
  ])('%s', (_what, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });
});

describe('terms', () => {
  it('leaves out how a question is asked and inflections from its words (bigrams keep them for recall)', () => {
    expect(terms('方法を教えて大丈夫').words).toEqual([]);
    expect(terms('ロックしてもいいですか').words).toEqual(['ロック']);
  });
});

describe('synonyms', () => {
  it.each([
    ['a Japanese word anywhere', '喫茶店で働きたい', true],
    ['an English word as a word, plural too', 'Cafes near me', true],
    ['not inside another word', 'cafeteria rules', false],
    ['full width and case folded', 'ＣＡＦＥ', true],
  ])('%s', (_what, question, expands) => {
    expect(synonymGroupsOf(question, SYNONYMS).flat().includes('カフェ')).toBe(expands);
  });

  it('refuses a malformed table with the path of the bad entry', () => {
    expect(() => parseSynonyms({ groups: [['only one']] })).toThrow(/groups/);
    expect(() => parseSynonyms({})).toThrow();
  });
});

describe('BM25', () => {
  it('ranks the document with the rarer matching term first and reports coverage of known terms', () => {
    const index = buildBm25([['a', 'b'], ['a', 'c'], ['a', 'a', 'd']]);
    const hits = index.search([{ terms: ['c'], topic: true }, { terms: ['a'], topic: true }, { terms: ['unknown'] }]);
    expect(hits[0]).toMatchObject({ doc: 1, coverage: 1 });
    expect(hits.map((h) => h.doc)).toEqual([1, 2, 0]);
    expect(index.search([{ terms: ['zzz'] }])).toEqual([]);
  });

  it('counts an unknown topic word against every document', () => {
    const index = buildBm25([['a', 'b'], ['c']]);
    const [hit] = index.search([{ terms: ['a'], topic: true }, { terms: ['zzz'], topic: true }]);
    expect(hit?.coverage).toBeGreaterThan(0);
    expect(hit?.coverage).toBeLessThan(0.5);
  });

  it('counts a group of synonyms as one concept for strength, whatever its size', () => {
    const index = buildBm25([['x', 'y', 'z'], ['q']]);
    const [asGroup] = index.search([{ terms: ['x', 'y', 'z'], topic: true }]);
    const [asWords] = index.search([{ terms: ['x'], topic: true }, { terms: ['y'], topic: true }, { terms: ['z'], topic: true }]);
    expect(asWords?.strength).toBeCloseTo(3 * (asGroup?.strength ?? 0));
    expect(asGroup?.score).toBeCloseTo(asWords?.score ?? 0);
  });
});

describe('buildGuidelineIndex.ask', () => {
  const index = buildGuidelineIndex(parseGuideline(FILE), SYNONYMS, RULE_TABLE);

  it('answers a Japanese question with the passage, word for word', () => {
    const answer = index.ask('カフェで仕事してもいいですか？');
    expect(answer.found).toBe(true);
    if (!answer.found) return;
    expect(answer.quotes[0]?.passage.text).toBe('在宅勤務中は、自宅以外の場所での業務を禁止する');
    expect(answer.quotes[0]?.english).toEqual([RULE_TABLE[0]?.en]);
    expect(answer.quotes.length).toBeLessThanOrEqual(MAX_QUOTES);
  });

  it('answers an English question through the synonyms and the rule table', () => {
    const answer = index.ask('What do I do when I leave the PC?');
    expect(answer.found && answer.quotes[0]?.passage.text).toBe('PCから離れる時は必ず画面をロックする事');
  });

  it.each([
    ['off topic', '給料日はいつですか'],
    ['English off topic', 'What is the weather tomorrow?'],
    ['only punctuation', '？？？！！！。。。'],
    ['empty', ''],
    ['emoji', '😀😀😀'],
  ])('says "not found" rather than guess: %s', (_what, question) => {
    expect(index.ask(question)).toEqual({ found: false });
  });

  it('looks at the first MAX_QUESTION_CHARS characters only: 100 KB of mixed scripts is answered at once', () => {
    const hostile = `カフェで仕事してもいい？${' '.repeat(MAX_QUESTION_CHARS)}${'aé漢字ｶﾅ😀<p>&amp;'.repeat(10_000)}`;
    expect(hostile.length).toBeGreaterThan(100_000);
    const started = performance.now();
    const answer = index.ask(hostile);
    expect(performance.now() - started).toBeLessThan(200);
    expect(answer.found).toBe(true);
    expect(MAX_QUESTION_CHARS).toBeLessThanOrEqual(500);
  });

  it('keeps the thresholds in a sane range', () => {
    expect(MIN_COVERAGE).toBeGreaterThan(0);
    expect(MIN_COVERAGE).toBeLessThan(1);
    expect(MIN_STRENGTH).toBeGreaterThan(0);
  });
});
