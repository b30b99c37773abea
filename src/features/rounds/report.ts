import type { User } from '../../domain/people/user';
import { answerCurve, answerFigures, type AnswerFigures } from '../../domain/safety/drill-report';
import { csvCell } from '../../domain/shared/csv';
import type { RoundContext } from './context';
import { scopeOf } from './live-scope';
import { reportRepo, type AnswerTime } from './report-repository';

/** The curve is drawn by minute; a round left open for days is drawn for its first day. */
const CURVE_MAX_MINUTES = 24 * 60;

export interface RoundReport {
  readonly round: { readonly id: string; readonly isDrill: boolean; readonly status: string; readonly startedAt: string; readonly closedAt?: string };
  readonly scope: 'tenant' | 'reports';
  readonly overall: AnswerFigures;
  readonly curve: readonly { minute: number; answered: number; rate: number }[];
  /** Departments by answer rate (highest first), then by median answer time (fastest first). */
  readonly departments: readonly (AnswerFigures & { department: string; rank: number })[];
  readonly neverAnswered: readonly { userId: string; name: string; department: string; reachedByPhone: boolean }[];
  /** The previous drill of the same scope, counted the same way. */
  readonly previous?: { readonly id: string; readonly startedAt: string; readonly overall: AnswerFigures };
}

const byDepartment = (rows: readonly AnswerTime[]) => {
  const groups = new Map<string, AnswerTime[]>();
  for (const r of rows) groups.set(r.department, [...(groups.get(r.department) ?? []), r]);
  return [...groups].map(([department, members]) => ({ department, ...answerFigures(members.length, answered(members)) }));
};
const answered = (rows: readonly AnswerTime[]) => rows.flatMap((r) => (r.minutes === undefined ? [] : [r.minutes]));

/**
 * The round's report (the drill report of issue 21, for any round): who answered how fast, by
 * department, who never answered, and the previous drill of the same scope. "Answered" means the
 * person answered themselves: a manager's phone result is listed, not counted as an answer.
 */
export async function roundReport(ctx: RoundContext, viewer: User, roundId: string): Promise<RoundReport> {
  const { round, filter, scope } = await scopeOf(ctx, ctx.db, viewer, roundId);
  const rows = await reportRepo.answerTimes(ctx.db, roundId, filter);
  const minutes = answered(rows);
  const end = ((round.closedAt ?? ctx.clock.now()).getTime() - round.startedAt.getTime()) / 60_000;
  const ranked = byDepartment(rows).sort((a, b) => b.rate - a.rate || (a.medianMinutes ?? Infinity) - (b.medianMinutes ?? Infinity) || (a.department < b.department ? -1 : 1));
  const prior = round.isDrill ? await reportRepo.previousDrill(ctx.db, round) : undefined;
  const priorRows = prior ? await reportRepo.answerTimes(ctx.db, prior.id, filter) : [];
  return {
    round: { id: round.id, isDrill: round.isDrill, status: round.status, startedAt: round.startedAt.toISOString(), closedAt: round.closedAt?.toISOString() },
    scope,
    overall: answerFigures(rows.length, minutes),
    curve: answerCurve(rows.length, minutes, Math.min(CURVE_MAX_MINUTES, Math.max(end, ...minutes, 1))),
    departments: ranked.map((d, i) => ({ ...d, rank: i + 1 })),
    neverAnswered: rows.filter((r) => r.minutes === undefined).map((r) => ({ userId: r.userId, name: r.name, department: r.department, reachedByPhone: r.reached })),
    previous: prior && priorRows.length ? { id: prior.id, startedAt: prior.startedAt.toISOString(), overall: answerFigures(priorRows.length, answered(priorRows)) } : undefined,
  };
}

const CSV_COLUMNS = ['rank', 'department', 'total', 'answered', 'rate_percent', 'median_minutes', 'most_common_minute', 'minutes_to_25', 'minutes_to_50', 'minutes_to_75', 'minutes_to_90'] as const;

/** The report's ranking as CSV (a first row for the whole round), for spreadsheets and reporting upward. */
export function reportCsv(report: RoundReport): string {
  const line = (rank: string | number, department: string, figures: AnswerFigures) =>
    [rank, department, figures.total, figures.answered, Math.round(figures.rate * 1000) / 10, figures.medianMinutes, figures.mostCommonMinute, figures.minutesTo[25], figures.minutesTo[50], figures.minutesTo[75], figures.minutesTo[90]].map(csvCell).join(',');
  const lines = [CSV_COLUMNS.join(','), line('', 'all', report.overall), ...report.departments.map((d) => line(d.rank, d.department, d))];
  // A BOM so that Excel (the usual reader in Japanese offices) opens UTF-8 correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
