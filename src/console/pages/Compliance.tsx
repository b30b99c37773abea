import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { VerticalStackedBarChart } from '@fluentui/react-charts';
import { useEffect, useState } from 'react';
import type { Api } from '../api';
import type { ComplianceOverview, TodayCheckins, TodayState, ViolationsByDay, WatchList } from '../compliance-types';
import { complianceTexts, type ComplianceTexts } from '../texts-compliance';
import { Approvals, Incidents, PersonLink, Reminders, Section, Watch } from './ComplianceParts';
import { Message } from './Shell';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  tiles: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', listStyle: 'none', padding: 0, margin: 0 },
  tile: { display: 'flex', flexDirection: 'column', padding: tokens.spacingHorizontalM, minWidth: '120px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
});

/** Theme palette tokens, so dark and high-contrast themes keep the bars readable. */
const COLORS = [
  tokens.colorPaletteRedBorderActive, tokens.colorPaletteBlueBorderActive, tokens.colorPaletteYellowBorderActive, tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteBerryBorderActive, tokens.colorPaletteDarkOrangeBorderActive, tokens.colorPaletteTealBorderActive, tokens.colorPaletteGrapeBorderActive, tokens.colorNeutralForeground3,
];
const DAYS = 30;

function Today({ texts, today }: { texts: ComplianceTexts; today: TodayCheckins }) {
  const styles = useStyles();
  const labels: Record<TodayState, string> = { started: texts.started, ended: texts.ended, office: texts.office, not_working: texts.notWorking, not_yet: texts.notYet, missing: texts.missing };
  return (
    <Section
      id="compliance-today" title={texts.today} empty={texts.missingNone} headers={[texts.name, texts.department]}
      rows={today.missing.map((p) => [<PersonLink key="n" texts={texts} name={p.name} upn={p.upn} />, p.department ?? '—'])}
    >
      <ul className={styles.tiles} aria-label={texts.today}>
        {[[texts.total, today.total] as const, ...(Object.keys(labels) as TodayState[]).map((s) => [labels[s], today.counts[s]] as const)].map(([label, value]) => (
          <li key={label} className={styles.tile}>
            <Text size={200}>{label}</Text>
            <Text size={600} weight="semibold">{value}</Text>
          </li>
        ))}
      </ul>
      <Text as="h4" weight="semibold">{texts.missingList}</Text>
    </Section>
  );
}

/** Violations stacked per rule and day (the table holds the totals per rule for screen readers). */
function Violations({ texts, data }: { texts: ComplianceTexts; data: ViolationsByDay }) {
  const chart = data.days.map((day) => ({
    xAxisPoint: day.date.slice(5),
    chartData: data.rules.map((r, i) => ({ legend: r.label, data: day.counts[r.kind] ?? 0, color: COLORS[i % COLORS.length] ?? tokens.colorNeutralForeground3 })),
  }));
  return (
    <Section id="compliance-violations" title={texts.violations(DAYS)} empty={texts.violationsNone} headers={[texts.rule, texts.count]} rows={data.rules.map((r) => [r.label, r.total])}>
      {chart.length > 0 && (
        <figure style={{ margin: 0 }} aria-label={texts.violationsChart}>
          <figcaption><Text weight="semibold">{texts.violationsChart}</Text></figcaption>
          <VerticalStackedBarChart data={chart} height={240} chartTitle={texts.violationsChart} hideLegend={false} />
        </figure>
      )}
    </Section>
  );
}

/** The compliance overview: each section the viewer's roles allow (the server leaves the others out). */
export function Compliance({ api, locale }: { api: Api; locale: 'ja' | 'en' }) {
  const styles = useStyles();
  const texts = complianceTexts(locale);
  const [data, setData] = useState<ComplianceOverview>();
  const [watch, setWatch] = useState<{ watchList: WatchList | null }>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.compliance().then(setData, () => setFailed(true));
    api.complianceWatch().then(setWatch, () => setFailed(true));
  }, [api]);
  if (failed) return <Message intent="error" text={texts.error} />;
  if (!data) return <Text>…</Text>;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <section className={styles.page} aria-labelledby="compliance-title">
      <Text as="h2" id="compliance-title" size={500} weight="semibold">{texts.title}</Text>
      <Text>{texts.asOf(data.date)}</Text>
      {data.scope !== 'none' && <Message intent="info" text={data.scope === 'tenant' ? texts.scopeTenant : texts.scopeReports} />}
      {data.today && <Today texts={texts} today={data.today} />}
      {data.scope !== 'none' && (watch ? watch.watchList && <Watch texts={texts} list={watch.watchList} /> : <Spinner size="small" label={texts.watchLoading} />)}
      {data.violations && <Violations texts={texts} data={data.violations} />}
      {data.reminders && <Reminders texts={texts} rows={data.reminders} days={DAYS} />}
      {data.approvals && <Approvals texts={texts} rows={data.approvals} when={when} />}
      {data.incidents && <Incidents texts={texts} rows={data.incidents} when={when} />}
    </section>
  );
}
