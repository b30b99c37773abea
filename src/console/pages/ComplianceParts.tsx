import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { OpenIncident, PendingApproval, ReminderAcknowledgement, WatchList } from '../compliance-types';
import type { ComplianceTexts } from '../texts-compliance';

const useStyles = makeStyles({ scroll: { overflowX: 'auto' }, section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

/** A Teams deep link to a 1:1 chat with the person (by their sign-in address). */
const chatLink = (upn: string) => `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upn)}`;

/** The person's name, linking to a chat with them when their sign-in address is known. */
export function PersonLink({ texts, name, upn }: { texts: ComplianceTexts; name: string; upn: string | null }) {
  if (!upn) return <>{name}</>;
  return <Link href={chatLink(upn)} target="_blank" rel="noreferrer" aria-label={texts.chatWith(name)}>{name}</Link>;
}

/** A titled section with a table labelled by its heading, or a sentence when there is nothing to list. */
export function Section({ id, title, headers, rows, empty, children }: { id: string; title: string; headers: string[]; rows: ReactNode[][]; empty: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Text as="h3" id={id} size={400} weight="semibold">{title}</Text>
      {children}
      {!rows.length ? (
        <Text as="p">{empty}</Text>
      ) : (
        <div className={styles.scroll}>
          <Table aria-labelledby={id} size="small">
            <TableHeader>
              <TableRow>{headers.map((h) => <TableHeaderCell key={h}>{h}</TableHeaderCell>)}</TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((cells, index) => (
                <TableRow key={index}>{cells.map((cell, j) => <TableCell key={j}>{cell}</TableCell>)}</TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

export function Reminders({ texts, rows, days }: { texts: ComplianceTexts; rows: ReminderAcknowledgement[]; days: number }) {
  return (
    <Section
      id="compliance-reminders" title={texts.reminders(days)} empty="" headers={[texts.kind, texts.sent, texts.acknowledged, texts.resolved, texts.rate]}
      rows={rows.map((r) => [texts.reminderKind[r.kind], r.sent, r.acknowledged, r.kind === 'vpn' ? r.resolved : '—', percent(r.acknowledged + r.resolved, r.sent)])}
    />
  );
}

export function Watch({ texts, list }: { texts: ComplianceTexts; list: WatchList }) {
  const h = (m: number | null) => (m === null ? '—' : texts.hours(m));
  return (
    <Section
      id="compliance-watch" title={texts.watch} empty={texts.watchNone}
      headers={[texts.name, texts.department, texts.overtime, texts.healthCheck, texts.projection, texts.flags]}
      rows={list.people.map((person) => [
        <PersonLink key="n" texts={texts} name={person.name} upn={person.upn} />, person.department ?? '—', h(person.overtimeMinutes), h(person.healthCheckMinutes),
        person.projectedOvertimeMinutes === null ? '—' : `${h(person.projectedOvertimeMinutes)} / ${h(person.projectedHealthCheckMinutes)}`, person.texts.join(' / '),
      ])}
    />
  );
}

export function Approvals({ texts, rows, when }: { texts: ComplianceTexts; rows: PendingApproval[]; when: (iso: string | null) => string }) {
  return (
    <Section
      id="compliance-approvals" title={texts.approvals} empty={texts.approvalsNone}
      headers={[texts.request, texts.requester, texts.requestedAt, texts.expiresAt, texts.votes]}
      rows={rows.map((a) => [a.title, <PersonLink key="n" texts={texts} name={a.requesterName} upn={a.requesterUpn} />, when(a.createdAt), when(a.expiresAt), `${a.approvals} / ${a.requiredApprovals}`])}
    />
  );
}

export function Incidents({ texts, rows, when }: { texts: ComplianceTexts; rows: OpenIncident[]; when: (iso: string | null) => string }) {
  const due = (iso: string | null) => (iso ? when(iso) : texts.notNeeded);
  return (
    <Section
      id="compliance-incidents" title={texts.incidents} empty={texts.incidentsNone}
      headers={[texts.person, texts.what, texts.state, texts.discoveredAt, texts.preliminaryDue, texts.finalDue]}
      rows={rows.map((i) => [<PersonLink key="n" texts={texts} name={i.name} upn={i.upn} />, i.what, i.stateText, when(i.discoveredAt), due(i.preliminaryDue), due(i.finalDue)])}
    />
  );
}
