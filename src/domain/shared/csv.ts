/**
 * What a spreadsheet may read as the start of a formula (CSV injection): = + - @, | (DDE), their
 * full-width forms (Excel folds ＝＋－＠｜ in a Japanese locale), and a tab, line break or space
 * before them — also several blanks or an ideographic space (U+3000). Such a cell gets a leading
 * apostrophe, which the spreadsheet shows as text.
 */
const FORMULA = '=+\\-@|\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFF5C';
const FORMULA_START = new RegExp(`^(?:[${FORMULA}\\t\\r\\n ]|\\s+[${FORMULA}])`, 'u');

/** One quoted CSV cell, safe to open in a spreadsheet. Every CSV export writes its cells with it. */
export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}
