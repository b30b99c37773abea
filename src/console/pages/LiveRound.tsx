import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api, AttentionPerson, LiveView, Me } from '../api';
import type { Texts } from '../texts';
import { Attention } from './Attention';
import { Report } from './Report';
import { CountsTable, DepartmentChart, Totals } from './Counts';
import { Message } from './Shell';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** One round, live: counts, the chart, the tables and who needs attention; admins act on it. */
export function LiveRound({ texts, api, me, roundId, onBack }: { texts: Texts; api: Api; me: Me; roundId: string; onBack: () => void }) {
  const styles = useStyles();
  const [view, setView] = useState<LiveView>();
  const [people, setPeople] = useState<AttentionPerson[]>();
  const [connected, setConnected] = useState(true);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string }>();
  const [showReport, setShowReport] = useState(false);
  const admin = me.roles.admin;

  useEffect(() => api.follow(roundId, setView, setConnected), [api, roundId]);
  // The attention list follows the counts: refreshed whenever a new view arrives.
  useEffect(() => {
    if (view) api.attention(roundId).then(setPeople, () => undefined);
  }, [api, roundId, view]);

  const act = async (run: () => Promise<string | undefined>) => {
    try {
      const text = await run();
      setNotice(text ? { intent: 'success', text } : undefined);
    } catch {
      setNotice({ intent: 'error', text: texts.error });
    }
  };
  const resend = (department?: string) => act(async () => texts.resent((await api.resend(roundId, department)).queued));
  const close = () => act(async () => {
    if (!window.confirm(texts.closeConfirm)) return undefined;
    setView(await api.close(roundId));
    return undefined;
  });
  const download = () => act(async () => {
    const url = URL.createObjectURL(await api.csv(roundId));
    const link = Object.assign(document.createElement('a'), { href: url, download: `safety-round-${roundId}.csv` });
    link.click();
    URL.revokeObjectURL(url);
    return undefined;
  });

  if (showReport) return <Report texts={texts} api={api} roundId={roundId} locale={me.locale} onBack={() => setShowReport(false)} />;
  if (!view) return <Text>{texts.loading}</Text>;
  const open = view.round.status === 'open';
  return (
    <section className={styles.section} aria-labelledby="round-title">
      <div className={styles.bar}>
        <Button onClick={onBack}>{texts.back}</Button>
        <Text as="h2" id="round-title" size={500} weight="semibold">
          {texts.rounds} — {new Date(view.round.startedAt).toLocaleString(me.locale === 'en' ? 'en-GB' : 'ja-JP')}
        </Text>
        <Badge appearance="filled" color={open ? 'danger' : 'informative'}>{texts[view.round.status]}</Badge>
        {view.round.isDrill && <Badge appearance="outline">{texts.drill}</Badge>}
        {open && <Badge appearance="tint" color={connected ? 'success' : 'warning'} aria-live="polite">{connected ? texts.live : texts.offline}</Badge>}
      </div>
      {view.scope === 'reports' && <Message intent="info" text={texts.scopeReports} />}
      {notice && <Message intent={notice.intent} text={notice.text} />}
      <div className={styles.bar}>
        <Button onClick={() => setShowReport(true)}>{texts.report}</Button>
      </div>
      {admin && (
        <div className={styles.bar}>
          {open && <Button appearance="primary" onClick={() => void resend()}>{texts.resendAll}</Button>}
          <Button onClick={() => void download()}>{texts.csv}</Button>
          {open && <Button onClick={() => void close()}>{texts.close}</Button>}
        </div>
      )}
      <Totals texts={texts} counts={view.totals} />
      <Text size={200}>{texts.receiptsNote}</Text>
      <DepartmentChart texts={texts} rows={view.departments} />
      <CountsTable id="by-department" title={texts.byDepartment} keyTitle={texts.department} texts={texts} rows={view.departments} onResend={admin && open ? (d) => void resend(d) : undefined} />
      <CountsTable id="by-prefecture" title={texts.byPrefecture} keyTitle={texts.prefecture} texts={texts} rows={view.prefectures} prefectures />
      <Attention texts={texts} people={people ?? []} locale={me.locale} onPhone={open ? (userId, result) => void act(async () => {
        setPeople(await api.phone(roundId, userId, result));
        return undefined;
      }) : undefined} />
    </section>
  );
}
