import { describe, expect, it } from 'vitest';
import { answerCurve, answerFigures } from '../../src/domain/safety/drill-report';

describe('drill report figures', () => {
  it.each([
    // total, minutes, minutes to 25/50/75/90 %
    [4, [1, 2, 3, 4], [1, 2, 3, 4]],
    [4, [1, 2, 3], [1, 2, 3, undefined]], // 3 of 4 is 75 %: 90 % never reached
    [10, [5, 1, 2, 3, 4, 6, 7, 8, 9], [3, 5, 8, 9]], // k = ceil(p × 10 / 100): 3rd, 5th, 8th, 9th answer
    [10, [1, 2], [undefined, undefined, undefined, undefined]], // 25 % of 10 needs 3 answers: only 2
    [10, [1, 2, 4], [4, undefined, undefined, undefined]],
    [0, [], [undefined, undefined, undefined, undefined]],
  ])('total %i, answers at %j → milestones %j', (total, minutes, expected) => {
    const f = answerFigures(total, minutes);
    expect([f.minutesTo[25], f.minutesTo[50], f.minutesTo[75], f.minutesTo[90]]).toEqual(expected);
  });

  it('counts the share on everyone asked, just under and just over a milestone', () => {
    // 100 people: the 25th answer reaches 25 %, the 24th does not.
    const minutes = Array.from({ length: 25 }, (_, i) => i + 1);
    expect(answerFigures(100, minutes.slice(0, 24)).minutesTo[25]).toBeUndefined();
    expect(answerFigures(100, minutes).minutesTo[25]).toBe(25);
    expect(answerFigures(100, [...minutes, 26]).minutesTo[25]).toBe(25);
  });

  it('median, most common minute and rate', () => {
    const f = answerFigures(8, [0.5, 1.2, 1.7, 9]);
    expect(f.rate).toBe(0.5);
    expect(f.medianMinutes).toBe(1.5); // mean of 1.2 and 1.7 (even count)
    expect(f.mostCommonMinute).toBe(1); // two answers in minute 1
    expect(answerFigures(3, [2, 3, 3]).medianMinutes).toBe(3);
    expect(answerFigures(3, [4, 2]).mostCommonMinute).toBe(2); // a tie: the earliest
    expect(answerFigures(3, []).medianMinutes).toBeUndefined();
  });

  it('the curve is cumulative by minute up to the end', () => {
    expect(answerCurve(4, [0.5, 1, 2.5], 3)).toEqual([
      { minute: 0, answered: 0, rate: 0 },
      { minute: 1, answered: 2, rate: 0.5 },
      { minute: 2, answered: 2, rate: 0.5 },
      { minute: 3, answered: 3, rate: 0.75 },
    ]);
  });
});
