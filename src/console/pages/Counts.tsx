import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { VerticalStackedBarChart } from '@fluentui/react-charts';
import { DELIVERY_STATES, OUTCOMES, type Counts } from '../api';
import { prefectureName, type Texts } from '../texts';

const useStyles = makeStyles({
  tiles: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', listStyle: 'none', padding: 0, margin: 0 },
  tile: { display: 'flex', flexDirection: 'column', padding: tokens.spacingHorizontalM, minWidth: '110px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  scroll: { overflowX: 'auto' },
});

/** Colours from the theme's palette tokens, so dark and high-contrast themes keep them readable. */
const COLORS: Record<(typeof DELIVERY_STATES)[number], string> = {
  queued: tokens.colorNeutralForeground4,
  sent: tokens.colorPaletteYellowBorderActive,
  read: tokens.colorPaletteBlueBorderActive,
  answered: tokens.colorPaletteGreenBorderActive,
  failed: tokens.colorPaletteRedBorderActive,
};

/** The round's totals: delivery states, then answers (needs help first). */
export function Totals({ texts, counts }: { texts: Texts; counts: Counts }) {
  const styles = useStyles();
  const tile = (label: string, value: number) => (
    <li key={label} className={styles.tile}>
      <Text size={200}>{label}</Text>
      <Text size={600} weight="semibold">{value}</Text>
    </li>
  );
  return (
    <>
      <ul className={styles.tiles} aria-label={texts.state}>
        {tile(texts.total, counts.total)}
        {DELIVERY_STATES.map((s) => tile(texts.delivery[s], counts.delivery[s]))}
      </ul>
      <ul className={styles.tiles} aria-label={texts.answered}>
        {OUTCOMES.filter((o) => o === 'pending' || counts.outcome[o] > 0 || ['safe', 'needs_help', 'serious_injury', 'minor_injury'].includes(o)).map((o) => tile(texts.outcome[o], counts.outcome[o]))}
      </ul>
    </>
  );
}

/** Delivery states stacked per department (the table below holds the same numbers for screen readers). */
export function DepartmentChart({ texts, rows }: { texts: Texts; rows: Counts[] }) {
  if (!rows.length) return null;
  const data = rows.slice(0, 30).map((row) => ({
    xAxisPoint: row.key,
    chartData: DELIVERY_STATES.map((s) => ({ legend: texts.delivery[s], data: row.delivery[s], color: COLORS[s] })),
  }));
  return (
    <figure style={{ margin: 0 }} aria-label={texts.chartTitle}>
      <figcaption><Text weight="semibold">{texts.chartTitle}</Text></figcaption>
      <VerticalStackedBarChart data={data} height={260} chartTitle={texts.chartTitle} hideLegend={false} />
    </figure>
  );
}

/** Counts per department or prefecture; admins may re-send to one department's non-responders. */
export function CountsTable(props: { id: string; title: string; keyTitle: string; texts: Texts; rows: Counts[]; prefectures?: boolean; onResend?: (key: string) => void }) {
  const styles = useStyles();
  const { texts } = props;
  return (
    <section aria-labelledby={props.id}>
      <Text as="h3" id={props.id} size={400} weight="semibold">{props.title}</Text>
      <div className={styles.scroll}>
        <Table aria-labelledby={props.id} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{props.keyTitle}</TableHeaderCell>
              <TableHeaderCell>{texts.total}</TableHeaderCell>
              {DELIVERY_STATES.map((s) => <TableHeaderCell key={s}>{texts.delivery[s]}</TableHeaderCell>)}
              <TableHeaderCell>{texts.outcome.needs_help}</TableHeaderCell>
              <TableHeaderCell>{texts.outcome.serious_injury}</TableHeaderCell>
              <TableHeaderCell>{texts.outcome.pending}</TableHeaderCell>
              {props.onResend && <TableHeaderCell>{texts.resendDepartment}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.rows.map((row) => {
              const name = props.prefectures ? prefectureName(row.key) : row.key;
              return (
                <TableRow key={row.key}>
                  <TableCell>{name}</TableCell>
                  <TableCell>{row.total}</TableCell>
                  {DELIVERY_STATES.map((s) => <TableCell key={s}>{row.delivery[s]}</TableCell>)}
                  <TableCell>{row.outcome.needs_help}</TableCell>
                  <TableCell>{row.outcome.serious_injury}</TableCell>
                  <TableCell>{row.outcome.pending + row.outcome.unreachable}</TableCell>
                  {props.onResend && (
                    <TableCell>
                      <Button size="small" disabled={!(row.outcome.pending + row.outcome.unreachable)} onClick={() => props.onResend?.(row.key)} aria-label={`${texts.resendDepartment}: ${name}`}>
                        {texts.resendDepartment}
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
