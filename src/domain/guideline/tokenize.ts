/**
 * Terms for the guideline search, Japanese and English alike, with nothing but what Node ships:
 * `Intl.Segmenter('ja')` finds words (it knows kanji compounds like 自宅 or 画面), and character
 * bigrams of every Japanese run catch the words it splits differently in a question than in the
 * guideline (ロック / ロックする, 公衆無線LAN / 無線). Latin words are lower-cased and lightly
 * stemmed so "passwords" meets "password".
 */

/** Longest question looked at: a question is a sentence or two; the rest is cut before any work. */
export const MAX_QUESTION_CHARS = 400;

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶー]/;
const JAPANESE_RUN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶー]+/g;
const HIRAGANA_ONLY = /^[\u3040-\u309f]+$/;
const LATIN_WORD = /^[a-z0-9][a-z0-9'-]*$/;

/** Words that say nothing about the topic (English; Japanese particles are rare bigrams' IDF problem). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'it', 'its', 'is', 'am', 'are', 'was', 'be', 'been', 'do', 'does', 'did',
  'can', 'could', 'may', 'might', 'must', 'should', 'shall', 'will', 'would', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by',
  'and', 'or', 'if', 'what', 'when', 'where', 'which', 'who', 'how', 'why', 'that', 'this', 'there', 'about', 'as', 'any', 'some', 'so',
  'allowed', 'ok', 'okay', 'please', 'have', 'has', 'get', 'need', 'use', 'using', 'used', 'work', 'working',
  'take', 'see', 'go', 'put', 'make', 'want', 'know', 'tell', 'let', 'like', 'into', 'onto', 'out', 'up', 'fine', 'right', 'rule', 'rules',
]);

/** Japanese function words that Intl.Segmenter returns as words: they match everywhere. */
const JA_STOP_WORDS: ReadonlySet<string> = new Set([
  'は', 'が', 'を', 'に', 'で', 'と', 'の', 'も', 'へ', 'や', 'か', 'て', 'た', 'だ', 'な', 'ね', 'よ', 'から', 'まで', 'より', 'です', 'ます',
  'する', 'し', 'して', 'います', 'いい', 'ですか', 'ますか', 'でしょうか', 'こと', 'もの', 'ため', 'ない', 'なら', 'について', 'どう', 'いつ', 'なに', '何',
  // How questions are asked, not what about: "…の方法を教えて", "…しても大丈夫？", "…は必要？"
  '教え', '教えて', '方法', '大丈夫', '仕事', '作業', '必要', '可能', '問題', '質問', 'できる', 'でき', '使', '使う', '使っ', '使え', 'いけ', 'べき', 'とき', '時',
]);

/** Full-width letters and digits folded (ＰＣ → pc), lower case: the guideline mixes both widths. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** "passwords" → "password", "locking" → "lock": enough for a question set, no dictionary. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The words of a text (what it is about: a question's unknown words count against an answer) and
 * the bigrams of its Japanese runs (recall only), with repeats: term frequency counts.
 */
export function terms(text: string): { readonly words: string[]; readonly bigrams: string[] } {
  const normalized = normalize(text);
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (!isWordLike) continue;
    if (JAPANESE.test(segment)) {
      // Short kana pieces are inflections the segmenter cut off (って, でも, しま), not words.
      if (!JA_STOP_WORDS.has(segment) && !(HIRAGANA_ONLY.test(segment) && segment.length <= 2)) words.push(segment);
    } else if (LATIN_WORD.test(segment) && !STOP_WORDS.has(segment)) {
      words.push(stem(segment));
    }
  }
  const bigrams: string[] = [];
  for (const run of normalized.match(JAPANESE_RUN) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const bigram = `${chars[i]}${chars[i + 1]}`;
      // Two hiragana are grammar (して, ても, です), not topic: only the segmenter's words of kana count.
      if (!HIRAGANA_ONLY.test(bigram) && !JA_STOP_WORDS.has(bigram)) bigrams.push(bigram);
    }
  }
  return { words, bigrams };
}

/** The character bigrams of a word (none for a Latin word or a single character). */
export function bigramsOf(word: string): string[] {
  if (!JAPANESE.test(word)) return [];
  const chars = Array.from(word);
  return chars.slice(1).map((char, i) => `${chars[i]}${char}`);
}

/** Every term of a text: its words and bigrams. */
export function tokenize(text: string): string[] {
  const { words, bigrams } = terms(text);
  return [...words, ...bigrams];
}
