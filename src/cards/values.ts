/**
 * Values as adaptive-expressions 4.x compares, joins and prints them (`commonEquals`,
 * `commonStringify`, `concat`, `string()` with d3-format's number format): the compiled card
 * expressions (src/cards/evaluate.ts) must give the same text the library gave.
 */

export const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** The library's `commonEquals` for JSON values. */
export function equals(left: unknown, right: unknown): boolean {
  if (left == null || right == null) return left == null && right == null;
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((value, i) => equals(value, right[i]));
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
  if (isRecord(left) && isRecord(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => key in right && equals(left[key], right[key]));
  }
  if (isNumber(left) && isNumber(right) && Math.abs(left - right) < Number.EPSILON) return true;
  return left === right;
}

/** `commonStringify`: '' for null, JSON without its outer quotes for objects, `toString()` otherwise. */
function stringify(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object') return JSON.stringify(value).replace(/^['"]*/, '').replace(/['"]*$/, '');
  return String(value);
}

/** d3-format's `,.<precision>f` with en-US / ja-JP separators, as the library's `string(number)` formats. */
function formatNumber(value: number): string {
  // Integers (every count on our cards): no decimals, so the digits are the integer's own, grouped by three.
  if (Number.isSafeInteger(value)) return `${value < 0 ? '\u2212' : ''}${String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
  const text = value.toString();
  const precision = Math.max(0, Math.min(20, text.includes('.') ? (text.split('.')[1] ?? '').length : 0));
  let digits = Math.abs(value).toFixed(precision);
  const negative = (value < 0 || 1 / value < 0) && +digits !== 0;
  let suffix = '';
  const firstNonDigit = digits.search(/[^0-9]/);
  if (firstNonDigit !== -1) {
    suffix = digits.slice(firstNonDigit);
    digits = digits.slice(0, firstNonDigit);
  }
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${negative ? '\u2212' : ''}${groups.join(',')}${suffix}`;
}

/** Locales whose number format we reproduce; the templates name one (`string(n, 'en-US')`). */
export const LOCALES: ReadonlySet<string> = new Set(['en-US', 'ja-JP']);

export function toText(value: unknown, locale: string | undefined): string {
  if (typeof value === 'string') return value;
  if (isNumber(value)) return formatNumber(value);
  if (value instanceof Date) return value.toLocaleDateString(locale);
  return stringify(value);
}

/** The library's `concat` of two values: lists join, anything else is stringified. */
export function concatPair(left: unknown, right: unknown): unknown {
  if (left == null && right == null) return undefined;
  if (left == null && Array.isArray(right)) return right;
  if (right == null && Array.isArray(left)) return left;
  if (Array.isArray(left) && Array.isArray(right)) return [...(left as unknown[]), ...(right as unknown[])];
  return stringify(left) + stringify(right);
}
