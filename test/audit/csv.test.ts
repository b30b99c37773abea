import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/domain/shared/csv';

describe('csvCell (shared CSV injection guard)', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['|cmd', `"'|cmd"`],
    ['\tx', `"'\tx"`],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    ['  =1', `"'  =1"`],
    ['\u3000=1', `"'\u3000=1"`],
    ['＝1', `"'＝1"`],
    ['＋1', `"'＋1"`],
    ['－1', `"'－1"`],
    ['＠x', `"'＠x"`],
    ['｜x', `"'｜x"`],
    [' x', `"' x"`],
    ['\u00A0=1', `"'\u00A0=1"`],
  ])('neutralizes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes plain values, doubles quotes, and writes dates and empties', () => {
    expect(csvCell('佐藤 "花子"')).toBe('"佐藤 ""花子"""');
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('\u3000佐藤')).toBe('"\u3000佐藤"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(new Date('2026-11-24T01:00:00Z'))).toBe('"2026-11-24T01:00:00.000Z"');
  });
});
