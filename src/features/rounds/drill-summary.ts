import { cardMessage, renderCommonCard } from '../../cards/render';
import { PURPOSES } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import { answerFigures, type AnswerFigures } from '../../domain/safety/drill-report';
import type { Locale } from '../../domain/shared/locale';
import type { Executor } from '../../store/db';
import type { RoundContext } from './context';
import { reportRepo, type AnswerTime } from './report-repository';
import type { Round } from './repository';
import { roundBatch } from './tally';
import { roundText } from './texts';

const percent = (rate: number) => String(Math.round(rate * 1000) / 10);
const figuresOf = (rows: readonly AnswerTime[]) => answerFigures(rows.length, rows.flatMap((r) => (r.minutes === undefined ? [] : [r.minutes])));

/** The summary of a closed drill as facts in the admin's language; the console holds the full report. */
function summaryCard(locale: Locale, overall: AnswerFigures, departments: { department: string; rate: number }[], previous?: AnswerFigures) {
  const t = (key: Parameters<typeof roundText>[1], values?: Parameters<typeof roundText>[2]) => roundText(locale, key, values);
  const minutes = (m: number | undefined) => (m === undefined ? t('drillNotReached') : t('drillMinutes', { minutes: m }));
  const facts = [
    { title: t('drillRateLabel'), value: t('drillRate', { rate: percent(overall.rate), answered: overall.answered, total: overall.total }) },
    ...(['50', '90'] as const).map((p) => ({ title: t('drillToLabel', { p }), value: minutes(overall.minutesTo[p]) })),
    { title: t('drillMedianLabel'), value: minutes(overall.medianMinutes) },
  ];
  const best = departments[0];
  const worst = departments[departments.length - 1];
  if (best && worst && departments.length > 1) {
    facts.push({ title: t('drillBestLabel'), value: t('drillDepartment', { department: best.department, rate: percent(best.rate) }) });
    facts.push({ title: t('drillWorstLabel'), value: t('drillDepartment', { department: worst.department, rate: percent(worst.rate) }) });
  }
  if (previous) facts.push({ title: t('drillPreviousLabel'), value: t('drillPrevious', { rate: percent(previous.rate), to50: minutes(previous.minutesTo['50']) }) });
  return renderCommonCard('notice', { title: t('drillSummaryTitle'), text: t('drillSummaryText'), facts }, locale);
}

/**
 * When a drill closes, its admins get the summary in chat (answer rate, time to 50 / 90 %, median,
 * the best and worst department, the previous drill of the same scope), in the close's transaction.
 */
export async function sendDrillSummary(ctx: RoundContext, tx: Executor, round: Round, admins: readonly User[]): Promise<void> {
  if (!round.isDrill) return;
  const rows = await reportRepo.answerTimes(tx, round.id, {});
  const byDepartment = new Map<string, AnswerTime[]>();
  for (const r of rows) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r]);
  const ranked = [...byDepartment].map(([department, members]) => ({ department, rate: figuresOf(members).rate })).sort((a, b) => b.rate - a.rate || (a.department < b.department ? -1 : 1));
  const prior = await reportRepo.previousDrill(tx, round);
  const previous = prior ? figuresOf(await reportRepo.answerTimes(tx, prior.id, {})) : undefined;
  for (const admin of admins) {
    await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.roundSummary,
      to: admin,
      subject: `${round.id}:drill-summary`,
      batchId: `${roundBatch(round.id)}:admins`,
      activity: cardMessage(summaryCard(admin.locale, figuresOf(rows), ranked, previous), roundText(admin.locale, 'drillSummaryNotify')),
    });
  }
}
