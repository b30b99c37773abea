import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api, Me, RoundSummary } from '../api';
import type { Texts } from '../texts';
import { LiveRound } from './LiveRound';
import { Message } from './Shell';

const useStyles = makeStyles({ section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** The rounds the person may open; the open one first in view. */
export function Rounds({ texts, api, me }: { texts: Texts; api: Api; me: Me }) {
  const styles = useStyles();
  const [rounds, setRounds] = useState<RoundSummary[]>();
  const [selected, setSelected] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (selected) return;
    api.rounds().then(setRounds, () => setFailed(true));
  }, [api, selected]);

  if (selected) return <LiveRound texts={texts} api={api} me={me} roundId={selected} onBack={() => setSelected(undefined)} />;
  if (failed) return <Message intent="error" text={texts.error} />;
  const when = (iso: string) => new Date(iso).toLocaleString(me.locale === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className={styles.section} aria-labelledby="rounds-title">
      <Text as="h2" id="rounds-title" size={500} weight="semibold">{texts.rounds}</Text>
      {rounds && !rounds.length && <Text>{texts.noRounds}</Text>}
      {rounds && rounds.length > 0 && (
        <Table aria-labelledby="rounds-title">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{texts.startedAt}</TableHeaderCell>
              <TableHeaderCell>{texts.state}</TableHeaderCell>
              <TableHeaderCell>{texts.answered}</TableHeaderCell>
              <TableHeaderCell>{texts.show}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rounds.map((summary) => (
              <TableRow key={summary.id}>
                <TableCell>{when(summary.startedAt)}</TableCell>
                <TableCell>
                  <Badge appearance="filled" color={summary.status === 'open' ? 'danger' : 'informative'}>{texts[summary.status]}</Badge>{' '}
                  {summary.isDrill && <Badge appearance="outline">{texts.drill}</Badge>}
                </TableCell>
                <TableCell>{summary.answered} / {summary.total}</TableCell>
                <TableCell>
                  <Button onClick={() => setSelected(summary.id)} aria-label={`${texts.show}: ${when(summary.startedAt)}`}>{texts.show}</Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
