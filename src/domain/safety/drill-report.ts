/**
 * The figures of a round's report (issue 21: the drill report), from plain values: how many people
 * were asked, and how many minutes after the start each one who answered first answered. Pure, so the
 * tab, the CSV and the tests agree on one definition.
 */

/** The milestones every safety-confirmation service reports: time until this share had answered. */
export const MILESTONES = [25, 50, 75, 90] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface AnswerFigures {
  readonly total: number;
  readonly answered: number;
  /** answered / total, 0 when nobody was asked. */
  readonly rate: number;
  /** Minutes from the start until `p` % of all recipients had answered; undefined when never reached. */
  readonly minutesTo: Readonly<Record<Milestone, number | undefined>>;
  /** The median of the answerers' minutes (the mean of the middle two for an even count). */
  readonly medianMinutes?: number;
  /** The whole minute in which most people answered (the earliest on a tie). */
  readonly mostCommonMinute?: number;
}

/** Minutes (fractional) after the start, one per person who answered; recipients counted in `total`. */
export function answerFigures(total: number, minutes: readonly number[]): AnswerFigures {
  const sorted = [...minutes].filter((m) => Number.isFinite(m) && m >= 0).sort((a, b) => a - b);
  const minutesTo = Object.fromEntries(
    MILESTONES.map((percent) => {
      // The k-th answer brings the share to p %: k = ceil(p × total / 100), counted on everyone asked.
      const k = Math.ceil((percent * total) / 100);
      return [percent, k > 0 && k <= sorted.length ? round1(sorted[k - 1] as number) : undefined];
    }),
  ) as Record<Milestone, number | undefined>;
  return {
    total,
    answered: sorted.length,
    rate: total ? sorted.length / total : 0,
    minutesTo,
    medianMinutes: sorted.length ? round1(median(sorted)) : undefined,
    mostCommonMinute: mode(sorted.map((m) => Math.floor(m))),
  };
}

/** The cumulative share answered at the end of each minute, from 0 to `untilMinute` (inclusive). */
export function answerCurve(total: number, minutes: readonly number[], untilMinute: number): { minute: number; answered: number; rate: number }[] {
  const sorted = [...minutes].sort((a, b) => a - b);
  const points: { minute: number; answered: number; rate: number }[] = [];
  let index = 0;
  for (let minute = 0; minute <= Math.max(0, Math.ceil(untilMinute)); minute++) {
    while (index < sorted.length && (sorted[index] as number) <= minute) index++;
    points.push({ minute, answered: index, rate: total ? index / total : 0 });
  }
  return points;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0) || (n === counts.get(best) && value < best)) best = value;
  return best;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
