import { cardRenderer, renderCommonCard } from '../../cards/render';
import { cardBytes, fitCount, fitRows, MESSAGE_BUDGET_BYTES } from '../../cards/fit';
import { formatDateTime } from '../../cards/format';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import type { RoundCardData, RoundHeader, SafetyTotals } from './card-data';
import {
  departmentLabel,
  isUrgentStatus,
  roundFormValues,
  roundScopeSummary,
  safetyAnswerFacts,
  safetyPrefill,
  tallyDelivery,
} from './format';
import { prefectureChoices } from './prefectures';
import type { Round } from './repository';
import { ROUND_TEXTS } from './texts';
import type { RoundViews, Tally, Viewer } from './types';

/**
 * Renders cards/safety-*.json and cards/round-*.json with the round strings.
 * @internal exported for the test card catalog; the app uses createRoundViews.
 */
export const renderRoundCard = cardRenderer<RoundCardData>(ROUND_TEXTS);

const MAX_PEOPLE_CHOICES = 500;
const MAX_ROWS = 50;

const totals = (tally: Tally): SafetyTotals => ({
  recipients: tally.total,
  answered: tally.answered,
  safe: tally.byStatus.safe + tally.byStatus.reached_safe,
  minorInjury: tally.byStatus.minor_injury + tally.byStatus.reached_injured,
  seriousInjury: tally.byStatus.serious_injury,
  needsHelp: tally.byStatus.needs_help,
  noAnswer: tally.pending,
  reachedByPhone: tally.byStatus.reached_safe + tally.byStatus.reached_injured,
});

/**
 * The round cards filled from round facts. Times are shown in the viewer's time zone, or in
 * `defaultTimeZone` (the company's) for a viewer without one.
 */
export function createRoundViews(clock: Clock, defaultTimeZone: string): RoundViews {
  const time = (at: Date, viewer: Viewer): string => formatDateTime(at, viewer.locale, viewer.timeZone ?? defaultTimeZone);
  const header = (round: Round, viewer: Viewer): RoundHeader => ({
    roundId: round.id,
    kind: round.kind,
    drill: round.isDrill,
    startedAt: time(round.startedAt, viewer),
  });

  return {
    form: (admin, choices, prefill) => {
      const render = (departments: number, people: number) => {
        const moreDepartments = choices.departments.length - departments;
        const morePeople = choices.people.length - people;
        return renderRoundCard(
          'round-form',
          {
            departmentChoices: choices.departments.slice(0, departments).map((d) => ({ title: d, value: d })),
            prefectureChoices: prefectureChoices(admin.locale),
            peopleChoices: choices.people.slice(0, people).map((p) => ({ title: p.name, value: p.id })),
            ...(moreDepartments ? { moreDepartments } : {}),
            ...(morePeople ? { morePeople } : {}),
            ...(prefill ? { prefill: roundFormValues(prefill) } : {}),
          },
          admin.locale,
        );
      };
      // People give way first (the longest list); departments only when the form is still too big
      // without any people (hundreds of long department names).
      const withEveryDepartment = fitCount(Math.min(MAX_PEOPLE_CHOICES, choices.people.length), (count) => render(choices.departments.length, count), 0);
      if (cardBytes(withEveryDepartment) <= MESSAGE_BUDGET_BYTES) return withEveryDepartment;
      return fitCount(choices.departments.length, (count) => render(count, 0), 0);
    },
    confirm: (admin, form, count, peopleNames, addedByToday) =>
      renderRoundCard('round-confirm', { recipientCount: count, addedByToday, scopeSummary: roundScopeSummary(form, admin.locale, peopleNames), formData: roundFormValues(form) }, admin.locale),
    check: (round, viewer, prefill, reminder) =>
      renderRoundCard(
        'safety-check',
        { ...header(round, viewer), ...(reminder ? { reminder } : {}), ...(round.message ? { message: round.message } : {}), ...(prefill ? { prefill: safetyPrefill(prefill) } : {}) },
        viewer.locale,
      ),
    summary: (round, recipient, viewer) =>
      renderRoundCard(
        'safety-summary',
        {
          ...header(round, viewer),
          facts: recipient.answer ? safetyAnswerFacts(recipient.answer, viewer.locale, { includeComment: true }) : [],
          answeredAt: recipient.answered_at ? time(recipient.answered_at, viewer) : '',
          urgent: recipient.own_status !== null && isUrgentStatus(recipient.own_status),
          closed: round.status !== 'open',
        },
        viewer.locale,
      ),
    tally: (round, tally, viewer, exportUrl, confirmingClose) =>
      fitRows(tally.byDepartment, MAX_ROWS, (deps) => renderRoundCard(
        'round-tally',
        {
          ...header(round, viewer),
          status: round.status,
          ...(round.closedAt ? { closedAt: time(round.closedAt, viewer) } : {}),
          updatedAt: time(clock.now(), viewer),
          totals: totals(tally),
          departments: deps.rows.map((row) => ({
            department: departmentLabel(row.department === '—' ? undefined : row.department, viewer.locale),
            total: row.total,
            answered: row.answered,
            safe: row.safe,
            injured: row.injured,
            needsHelp: row.needsHelp,
            noAnswer: row.pending,
          })),
          ...(deps.more ? { moreDepartments: deps.more } : {}),
          delivery: tallyDelivery(tally.delivery),
          ...(exportUrl ? { exportUrl } : {}),
          ...(confirmingClose && round.status === 'open' ? { confirmingClose: true } : {}),
        },
        viewer.locale,
      )),
    escalation: (round, members, viewer) =>
      fitRows(members, MAX_ROWS, (capped) => renderRoundCard(
        'safety-escalation',
        {
          ...header(round, viewer),
          members: capped.rows.map((recipient) => ({
            userId: recipient.user_id,
            name: recipient.name,
            ...(recipient.department ? { department: recipient.department } : {}),
            ...(recipient.reached_result && recipient.answered_via !== 'proxy' ? { phoneResult: recipient.reached_result as 'safe' | 'injured' | 'unreachable' } : {}),
            ...(recipient.answered_via === 'proxy' && recipient.own_status ? { proxyStatus: recipient.own_status } : {}),
            ...(recipient.answered_via === 'proxy' && recipient.proxy_how ? { proxyHow: recipient.proxy_how } : {}),
            ...(recipient.answered_via === 'proxy' && recipient.proxy_by ? { proxyBy: recipient.proxy_by } : {}),
          })),
          ...(capped.more ? { more: capped.more } : {}),
          proxyChoices: capped.rows.filter((m) => m.status !== 'answered' || m.answered_via === 'proxy').map((m) => ({ title: m.name, value: m.user_id })),
        },
        viewer.locale,
      )),
    alert: (round, recipient, viewer, showComment) => {
      // A status recorded for the person (proxy) is all that is known: no location or work answer is made up.
      const proxy = recipient.answered_via === 'proxy';
      const a = proxy ? null : recipient.answer;
      return renderRoundCard(
        'safety-alert',
        {
          ...header(round, viewer),
          userName: recipient.name,
          ...(recipient.department ? { department: recipient.department } : {}),
          ownStatus: recipient.own_status ?? a?.ownStatus ?? 'needs_help',
          ...(a ? { location: a.location, canWork: a.canWork } : {}),
          ...(a?.locationOther ? { locationOther: a.locationOther } : {}),
          ...(showComment && a?.comment ? { comment: a.comment } : {}),
          showComment,
          answeredAt: recipient.answered_at ? time(recipient.answered_at, viewer) : '',
          ...(proxy && recipient.proxy_how && recipient.proxy_by ? { proxyHow: recipient.proxy_how, proxyBy: recipient.proxy_by } : {}),
        },
        viewer.locale,
      );
    },
    report: (round, tally, pending, viewer, final, recorded) =>
      fitRows(pending, MAX_ROWS, (capped) => {
        // The escalation report of an open round lets an admin record an answer for a listed person.
        const proxyChoices = !final && round.status === 'open' ? capped.rows.map((p) => ({ title: p.name, value: p.user_id })) : [];
        return renderRoundCard(
          'round-report',
          {
            ...header(round, viewer),
            reportKind: final ? 'final' : 'escalation',
            ...(round.closedAt ? { closedAt: time(round.closedAt, viewer) } : {}),
            totals: totals(tally),
            notDelivered: pending.filter((p) => !p.delivered).length,
            deliveredNoAnswer: pending.filter((p) => p.delivered).length,
            nonResponders: capped.rows.map((recipient) => ({
              name: recipient.name,
              ...(recipient.department ? { department: recipient.department } : {}),
              ...(recipient.manager_name ? { manager: recipient.manager_name } : {}),
              delivered: recipient.delivered,
            })),
            ...(capped.more ? { more: capped.more } : {}),
            ...(proxyChoices.length ? { proxyChoices } : {}),
            ...(recorded?.answered_via === 'proxy' && recorded.own_status ? { proxyName: recorded.name, proxyStatus: recorded.own_status } : {}),
            ...(recorded?.answered_via === 'proxy' && recorded.proxy_how ? { proxyHow: recorded.proxy_how } : {}),
            ...(recorded?.answered_via === 'proxy' && recorded.proxy_by ? { proxyBy: recorded.proxy_by } : {}),
          },
          viewer.locale,
        );
      }),
    notice: (locale: Locale, title, text) => renderCommonCard('notice', { title, text }, locale),
  };
}
