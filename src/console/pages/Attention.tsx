import { Badge, Button, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AttentionPerson } from '../api';
import type { Texts } from '../texts';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' }, scroll: { overflowX: 'auto' } });

/** A Teams deep link to a 1:1 chat with the person (by their sign-in address). */
const chatLink = (email: string) => `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;

/** Who needs someone's attention, riskiest first (with why: not delivered, not read, no check-in today), with the manager's chat and the phone results. */
export function Attention({ texts, people, locale, onPhone }: { texts: Texts; people: AttentionPerson[]; locale: string; onPhone?: (userId: string, result: 'safe' | 'injured' | 'unreachable') => void }) {
  const styles = useStyles();
  const since = (iso?: string) => (iso ? new Date(iso).toLocaleTimeString(locale === 'en' ? 'en-GB' : 'ja-JP', { hour: '2-digit', minute: '2-digit' }) : '—');
  return (
    <section aria-labelledby="attention-title">
      <Text as="h3" id="attention-title" size={400} weight="semibold">{texts.attention}</Text>
      {!people.length ? (
        <Text as="p">{texts.attentionEmpty}</Text>
      ) : (
        <div className={styles.scroll}>
          <Table aria-labelledby="attention-title" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{texts.name}</TableHeaderCell>
                <TableHeaderCell>{texts.department}</TableHeaderCell>
                <TableHeaderCell>{texts.state}</TableHeaderCell>
                <TableHeaderCell>{texts.silentSince}</TableHeaderCell>
                <TableHeaderCell>{texts.manager}</TableHeaderCell>
                {onPhone && <TableHeaderCell>{texts.phone}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.map((person) => (
                <TableRow key={person.userId}>
                  <TableCell>{person.name}</TableCell>
                  <TableCell>{person.department}</TableCell>
                  <TableCell>
                    {person.outcome === 'needs_help' ? <Badge color="danger">{texts.outcome.needs_help}</Badge> : <Badge appearance="tint" color={person.delivery === 'failed' ? 'danger' : 'warning'}>{texts.delivery[person.delivery]}</Badge>}
                    {person.outcome === 'unreachable' && <> <Badge appearance="outline">{texts.outcome.unreachable}</Badge></>}
                    {person.checkedInToday === false && person.outcome !== 'needs_help' && <> <Badge appearance="outline" color="warning">{texts.noCheckinToday}</Badge></>}
                  </TableCell>
                  <TableCell>{since(person.firstSentAt)}</TableCell>
                  <TableCell>
                    {person.managerName ?? '—'}
                    {person.managerEmail && <> (<Link href={chatLink(person.managerEmail)} target="_blank" rel="noreferrer" aria-label={`${texts.chatManager}: ${person.managerName ?? ''}`}>{texts.chatManager}</Link>)</>}
                  </TableCell>
                  {onPhone && (
                    <TableCell>
                      <div className={styles.actions}>
                        <Button size="small" onClick={() => onPhone(person.userId, 'safe')} aria-label={`${texts.phoneSafe}: ${person.name}`}>{texts.phoneSafe}</Button>
                        <Button size="small" onClick={() => onPhone(person.userId, 'injured')} aria-label={`${texts.phoneInjured}: ${person.name}`}>{texts.phoneInjured}</Button>
                        <Button size="small" onClick={() => onPhone(person.userId, 'unreachable')} aria-label={`${texts.phoneUnreachable}: ${person.name}`}>{texts.phoneUnreachable}</Button>
                      </div>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
