import { renderCard } from '../../cards/render';
import {
  capRows,
  departmentLabel,
  formatDateTime,
  roundFormValues,
  roundScopeSummary,
  safetyAnswerFacts,
  safetyPrefill,
  tallyDelivery,
} from './format';
import { prefectureChoices } from './prefectures';
import type { RoundHeader, SafetyTotals } from '../../cards/types';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import type { Round } from './repository';
import type { RoundViews, Tally } from './types';

const MAX_PEOPLE_CHOICES = 500;
const MAX_ROWS = 50;

const header = (round: Round, locale: Locale): RoundHeader => ({
  roundId: round.id,
  kind: round.kind,
  drill: round.isDrill,
  startedAt: formatDateTime(round.startedAt, locale),
});

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

/** The round cards (cards/round-*.json, cards/safety-*.json) filled from round facts. */
export function createRoundViews(clock: Clock): RoundViews {
  return {
    form: (admin, choices) => {
      const people = capRows(choices.people, MAX_PEOPLE_CHOICES).rows;
      return renderCard(
        'round-form',
        {
          departmentChoices: choices.departments.map((d) => ({ title: d, value: d })),
          prefectureChoices: prefectureChoices(admin.locale),
          peopleChoices: people.map((p) => ({ title: p.name, value: p.id })),
        },
        admin.locale,
      );
    },
    confirm: (admin, form, count, peopleNames) =>
      renderCard('round-confirm', { recipientCount: count, scopeSummary: roundScopeSummary(form, admin.locale, peopleNames), formData: roundFormValues(form) }, admin.locale),
    check: (round, locale, prefill) =>
      renderCard('safety-check', { ...header(round, locale), ...(round.message ? { message: round.message } : {}), ...(prefill ? { prefill: safetyPrefill(prefill) } : {}) }, locale),
    summary: (round, r, locale) =>
      renderCard(
        'safety-summary',
        {
          ...header(round, locale),
          facts: r.answer ? safetyAnswerFacts(r.answer, locale, { includeComment: true }) : [],
          answeredAt: r.answered_at ? formatDateTime(r.answered_at, locale) : '',
          urgent: r.own_status === 'serious_injury' || r.own_status === 'needs_help',
          closed: round.status !== 'open',
        },
        locale,
      ),
    tally: (round, t, locale, exportUrl) => {
      const deps = capRows(t.byDepartment, MAX_ROWS);
      return renderCard(
        'round-tally',
        {
          ...header(round, locale),
          status: round.status,
          ...(round.closedAt ? { closedAt: formatDateTime(round.closedAt, locale) } : {}),
          updatedAt: formatDateTime(clock.now(), locale),
          totals: totals(t),
          departments: deps.rows.map((d) => ({
            department: departmentLabel(d.department === '—' ? undefined : d.department, locale),
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
        },
        locale,
      );
    },
    escalation: (round, members, locale) => {
      const capped = capRows(members, MAX_ROWS);
      return renderCard(
        'safety-escalation',
        {
          ...header(round, locale),
          members: capped.rows.map((m) => ({
            userId: m.user_id,
            name: m.name,
            ...(m.department ? { department: m.department } : {}),
            ...(m.reached_result ? { phoneResult: m.reached_result as 'safe' | 'injured' | 'unreachable' } : {}),
          })),
          ...(capped.more ? { more: capped.more } : {}),
        },
        locale,
      );
    },
    alert: (round, r, locale, showComment) => {
      const a = r.answer;
      return renderCard(
        'safety-alert',
        {
          ...header(round, locale),
          userName: r.name,
          ...(r.department ? { department: r.department } : {}),
          ownStatus: a?.ownStatus ?? 'needs_help',
          location: a?.location ?? 'other',
          ...(a?.locationOther ? { locationOther: a.locationOther } : {}),
          canWork: a?.canWork ?? 'no',
          ...(showComment && a?.comment ? { comment: a.comment } : {}),
          showComment,
          answeredAt: r.answered_at ? formatDateTime(r.answered_at, locale) : '',
        },
        locale,
      );
    },
    report: (round, t, pending, locale, final) => {
      const capped = capRows(pending, MAX_ROWS);
      return renderCard(
        'round-report',
        {
          ...header(round, locale),
          reportKind: final ? 'final' : 'escalation',
          ...(round.closedAt ? { closedAt: formatDateTime(round.closedAt, locale) } : {}),
          totals: totals(t),
          nonResponders: capped.rows.map((p) => ({
            name: p.name,
            ...(p.department ? { department: p.department } : {}),
            ...(p.manager_name ? { manager: p.manager_name } : {}),
          })),
          ...(capped.more ? { more: capped.more } : {}),
        },
        locale,
      );
    },
    notice: (locale, title, text) => renderCard('notice', { title, text }, locale),
  };
}

