import { cardRenderer, renderCommonCard } from '../../cards/render';
import { formatDateTime } from '../../cards/format';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import type { RoundCardData, RoundHeader, SafetyTotals } from './card-data';
import {
  capRows,
  departmentLabel,
  fitRows,
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

const totals = (t: Tally): SafetyTotals => ({
  recipients: t.total,
  answered: t.answered,
  safe: t.byStatus.safe + t.byStatus.reached_safe,
  minorInjury: t.byStatus.minor_injury + t.byStatus.reached_injured,
  seriousInjury: t.byStatus.serious_injury,
  needsHelp: t.byStatus.needs_help,
  noAnswer: t.pending,
  reachedByPhone: t.byStatus.reached_safe + t.byStatus.reached_injured,
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
      const people = capRows(choices.people, MAX_PEOPLE_CHOICES).rows;
      return renderRoundCard(
        'round-form',
        {
          departmentChoices: choices.departments.map((d) => ({ title: d, value: d })),
          prefectureChoices: prefectureChoices(admin.locale),
          peopleChoices: people.map((p) => ({ title: p.name, value: p.id })),
          ...(prefill ? { prefill: roundFormValues(prefill) } : {}),
        },
        admin.locale,
      );
    },
    confirm: (admin, form, count, peopleNames, addedByToday) =>
      renderRoundCard('round-confirm', { recipientCount: count, addedByToday, scopeSummary: roundScopeSummary(form, admin.locale, peopleNames), formData: roundFormValues(form) }, admin.locale),
    check: (round, viewer, prefill, reminder) =>
      renderRoundCard(
        'safety-check',
        { ...header(round, viewer), ...(reminder ? { reminder } : {}), ...(round.message ? { message: round.message } : {}), ...(prefill ? { prefill: safetyPrefill(prefill) } : {}) },
        viewer.locale,
      ),
    summary: (round, r, viewer) =>
      renderRoundCard(
        'safety-summary',
        {
          ...header(round, viewer),
          facts: r.answer ? safetyAnswerFacts(r.answer, viewer.locale, { includeComment: true }) : [],
          answeredAt: r.answered_at ? time(r.answered_at, viewer) : '',
          urgent: r.own_status !== null && isUrgentStatus(r.own_status),
          closed: round.status !== 'open',
        },
        viewer.locale,
      ),
    tally: (round, t, viewer, exportUrl, confirmingClose) => {
      const deps = capRows(t.byDepartment, MAX_ROWS);
      return renderRoundCard(
        'round-tally',
        {
          ...header(round, viewer),
          status: round.status,
          ...(round.closedAt ? { closedAt: time(round.closedAt, viewer) } : {}),
          updatedAt: time(clock.now(), viewer),
          totals: totals(t),
          departments: deps.rows.map((d) => ({
            department: departmentLabel(d.department === '—' ? undefined : d.department, viewer.locale),
            total: d.total,
            answered: d.answered,
            safe: d.safe,
            injured: d.injured,
            needsHelp: d.needsHelp,
            noAnswer: d.pending,
          })),
          ...(deps.more ? { moreDepartments: deps.more } : {}),
          delivery: tallyDelivery(t.delivery),
          ...(exportUrl ? { exportUrl } : {}),
          ...(confirmingClose && round.status === 'open' ? { confirmingClose: true } : {}),
        },
        viewer.locale,
      );
    },
    escalation: (round, members, viewer) =>
      fitRows(members, MAX_ROWS, (capped) => renderRoundCard(
        'safety-escalation',
        {
          ...header(round, viewer),
          members: capped.rows.map((m) => ({
            userId: m.user_id,
            name: m.name,
            ...(m.department ? { department: m.department } : {}),
            ...(m.reached_result && m.answered_via !== 'proxy' ? { phoneResult: m.reached_result as 'safe' | 'injured' | 'unreachable' } : {}),
            ...(m.answered_via === 'proxy' && m.own_status ? { proxyStatus: m.own_status } : {}),
            ...(m.answered_via === 'proxy' && m.proxy_how ? { proxyHow: m.proxy_how } : {}),
            ...(m.answered_via === 'proxy' && m.proxy_by ? { proxyBy: m.proxy_by } : {}),
          })),
          ...(capped.more ? { more: capped.more } : {}),
          proxyChoices: capped.rows.filter((m) => m.status !== 'answered' || m.answered_via === 'proxy').map((m) => ({ title: m.name, value: m.user_id })),
        },
        viewer.locale,
      )),
    alert: (round, r, viewer, showComment) => {
      const a = r.answer;
      return renderRoundCard(
        'safety-alert',
        {
          ...header(round, viewer),
          userName: r.name,
          ...(r.department ? { department: r.department } : {}),
          ownStatus: a?.ownStatus ?? 'needs_help',
          location: a?.location ?? 'other',
          ...(a?.locationOther ? { locationOther: a.locationOther } : {}),
          canWork: a?.canWork ?? 'no',
          ...(showComment && a?.comment ? { comment: a.comment } : {}),
          showComment,
          answeredAt: r.answered_at ? time(r.answered_at, viewer) : '',
        },
        viewer.locale,
      );
    },
    report: (round, t, pending, viewer, final, recorded) =>
      fitRows(pending, MAX_ROWS, (capped) => {
        // The escalation report of an open round lets an admin record an answer for a listed person.
        const proxyChoices = !final && round.status === 'open' ? capped.rows.map((p) => ({ title: p.name, value: p.user_id })) : [];
        return renderRoundCard(
          'round-report',
          {
            ...header(round, viewer),
            reportKind: final ? 'final' : 'escalation',
            ...(round.closedAt ? { closedAt: time(round.closedAt, viewer) } : {}),
            totals: totals(t),
            notDelivered: pending.filter((p) => !p.delivered).length,
            deliveredNoAnswer: pending.filter((p) => p.delivered).length,
            nonResponders: capped.rows.map((p) => ({
              name: p.name,
              ...(p.department ? { department: p.department } : {}),
              ...(p.manager_name ? { manager: p.manager_name } : {}),
              delivered: p.delivered,
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
