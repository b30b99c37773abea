import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { LineChart } from '@fluentui/react-charts';
import { useEffect, useState } from 'react';
import type { Api, Figures, RoundReport } from '../api';
import type { Texts } from '../texts';
import { Message } from './Shell';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap', '@media print': { display: 'none' } },
  tiles: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', listStyle: 'none', padding: 0, margin: 0 },
  tile: { display: 'flex', flexDirection: 'column', padding: tokens.spacingHorizontalM, minWidth: '120px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
});

const MILESTONES = ['25', '50', '75', '90'] as const;
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** The round's report: curve, milestones, ranking, never answered, the previous drill; printable. */
export function Report({ texts, api, roundId, locale, onBack }: { texts: Texts; api: Api; roundId: string; locale: string; onBack: () => void }) {
  const styles = useStyles();
  const [report, setReport] = useState<RoundReport>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.report(roundId).then(setReport, () => setFailed(true));
  }, [api, roundId]);
  if (failed) return <Message intent="error" text={texts.error} />;
  if (!report) return <Text>{texts.loading}</Text>;
  const date = (iso: string) => new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
  const download = async () => {
    const url = URL.createObjectURL(await api.csv(roundId, 'report/csv'));
    Object.assign(document.createElement('a'), { href: url, download: `round-report-${roundId}.csv` }).click();
    URL.revokeObjectURL(url);
  };
  const tiles = (figures: Figures) => (
    <ul className={styles.tiles}>
      {[
        [texts.rate, `${percent(figures.rate)} (${figures.answered} / ${figures.total})`],
        ...MILESTONES.map((p) => [texts.minutesTo(p), texts.minutes(figures.minutesTo[p])]),
        [texts.median, texts.minutes(figures.medianMinutes)],
        [texts.mostCommon, texts.minutes(figures.mostCommonMinute)],
      ].map(([label, value]) => (
        <li key={label} className={styles.tile}>
          <Text size={200}>{label}</Text>
          <Text size={500} weight="semibold">{value}</Text>
        </li>
      ))}
    </ul>
  );
  return (
    <section className={styles.section} aria-labelledby="report-title">
      <div className={styles.bar}>
        <Button onClick={onBack}>{texts.back}</Button>
        <Button onClick={() => window.print()}>{texts.print}</Button>
        <Button onClick={() => void download().catch(() => setFailed(true))}>{texts.reportCsv}</Button>
      </div>
      <Text as="h2" id="report-title" size={500} weight="semibold">{texts.reportTitle} — {date(report.round.startedAt)}</Text>
      {report.scope === 'reports' && <Message intent="info" text={texts.scopeReports} />}
      {tiles(report.overall)}
      <figure style={{ margin: 0 }} aria-label={texts.curveTitle}>
        <figcaption><Text weight="semibold">{texts.curveTitle}</Text></figcaption>
        <LineChart
          height={260}
          data={{ chartTitle: texts.curveTitle, lineChartData: [{ legend: texts.answerRateLegend, data: report.curve.map((p) => ({ x: p.minute, y: Math.round(p.rate * 1000) / 10 })), color: tokens.colorPaletteGreenBorderActive }] }}
        />
      </figure>
      {report.previous && (
        <section aria-labelledby="previous-title">
          <Text as="h3" id="previous-title" size={400} weight="semibold">{texts.previous(date(report.previous.startedAt))}</Text>
          <Table aria-labelledby="previous-title" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{texts.state}</TableHeaderCell>
                <TableHeaderCell>{texts.rate}</TableHeaderCell>
                {MILESTONES.map((p) => <TableHeaderCell key={p}>{texts.minutesTo(p)}</TableHeaderCell>)}
                <TableHeaderCell>{texts.median}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {([[texts.thisRound, report.overall], [texts.previousRound, report.previous.overall]] as const).map(([label, f]) => (
                <TableRow key={label}>
                  <TableCell>{label}</TableCell>
                  <TableCell>{percent(f.rate)}</TableCell>
                  {MILESTONES.map((p) => <TableCell key={p}>{texts.minutes(f.minutesTo[p])}</TableCell>)}
                  <TableCell>{texts.minutes(f.medianMinutes)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
      <section aria-labelledby="ranking-title">
        <Text as="h3" id="ranking-title" size={400} weight="semibold">{texts.ranking}</Text>
        <Table aria-labelledby="ranking-title" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{texts.rank}</TableHeaderCell>
              <TableHeaderCell>{texts.department}</TableHeaderCell>
              <TableHeaderCell>{texts.rate}</TableHeaderCell>
              <TableHeaderCell>{texts.median}</TableHeaderCell>
              <TableHeaderCell>{texts.minutesTo('50')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.departments.map((figures) => (
              <TableRow key={figures.department}>
                <TableCell>{figures.rank}</TableCell>
                <TableCell>{figures.department}</TableCell>
                <TableCell>{percent(figures.rate)} ({figures.answered} / {figures.total})</TableCell>
                <TableCell>{texts.minutes(figures.medianMinutes)}</TableCell>
                <TableCell>{texts.minutes(figures.minutesTo['50'])}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="never-title">
        <Text as="h3" id="never-title" size={400} weight="semibold">{texts.neverAnswered} ({report.neverAnswered.length})</Text>
        <Table aria-labelledby="never-title" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{texts.name}</TableHeaderCell>
              <TableHeaderCell>{texts.department}</TableHeaderCell>
              <TableHeaderCell>{texts.state}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.neverAnswered.map((person) => (
              <TableRow key={person.userId}>
                <TableCell>{person.name}</TableCell>
                <TableCell>{person.department}</TableCell>
                <TableCell>{person.reachedByPhone ? texts.reachedByPhone : texts.outcome.pending}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </section>
  );
}
