import { cardBytes, fitCount, MESSAGE_BUDGET_BYTES } from '../../cards/fit';
import { formatMinutes, formatTimeRange } from '../../cards/format';
import type { AdaptiveCardJson } from '../../cards/render';
import { addDays, type LocalDate } from '../../domain/calendar';
import type { ViolationKind } from '../../domain/checkins/model';
import { isWorkday, scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import { assessWorktime, windowOf, type WorktimeAssessment, type WorktimeFlag } from '../../domain/worktime/assess';
import { assessmentStart, personLawPolicy } from '../../domain/worktime/month';
import type { WorkDayRecord } from '../../domain/worktime/records';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { DigestWellbeingCardData, WellbeingMemberData } from './card-data';
import { MAX_MEMBERS_IN_CARD, WINDOW_DAYS, type DigestContext } from './context';
import { flagTexts } from './flags';
import type { DigestFlag, MemberDigest, TeamDigest } from './member';
import { digestText } from './texts';
import { digestsRepo } from './repository';
import { moodLine, shortDate, wellbeingCardView } from './views';

/** The day a digest reports on: the recipient's previous workday (Monday's digest covers Friday). */
function reportDateFor(recipient: User, localDate: LocalDate, companyHolidays: readonly string[]): LocalDate {
  const schedule = scheduleFor(recipient, companyHolidays);
  for (let d = addDays(localDate, -1), i = 0; i < 14; d = addDays(d, -1), i++) if (isWorkday(d, schedule)) return d;
  return addDays(localDate, -1);
}

/** A person's law policy: the company's, in their schedule's zone, with their own flextime or fixed hours. */
export const lawPolicyOf = (ctx: Pick<DigestContext, 'law' | 'companyHolidays'>, user: User) =>
  personLawPolicy(ctx.law, { timeZone: scheduleFor(user, ctx.companyHolidays).timeZone, flex: user.schedule?.flex });

/** The first day an assessment of these people on `reportDate` reads: their law ranges' and the trend window's earliest. */
export function assessmentFrom(ctx: Pick<DigestContext, 'law' | 'companyHolidays'>, users: readonly User[], reportDate: LocalDate): LocalDate {
  const starts = [windowOf(reportDate, WINDOW_DAYS)[0] ?? reportDate, ...users.map((user) => assessmentStart(reportDate, lawPolicyOf(ctx, user)))];
  return starts.reduce((first, day) => (day < first ? day : first));
}

/** A person's working time, trends and flags on the report date, from their records since `assessmentFrom`. */
export function assessPerson(ctx: Pick<DigestContext, 'law' | 'companyHolidays' | 'policy'>, user: User, records: readonly WorkDayRecord[], reportDate: LocalDate): WorktimeAssessment {
  const schedule = scheduleFor(user, ctx.companyHolidays);
  return assessWorktime({ records, reportDate, windowDays: WINDOW_DAYS, law: lawPolicyOf(ctx, user), isWorkday: (d) => isWorkday(d, schedule) }, ctx.policy);
}

/** Every report of the manager with their working time, trends and flags on the report date. */
export async function teamDigest(ctx: DigestContext, ex: Executor, manager: User, localDate: LocalDate): Promise<TeamDigest> {
  const reportDate = reportDateFor(manager, localDate, ctx.companyHolidays);
  const ids = await digestsRepo.reportIds(ex, { tenantId: manager.tenantId, managerId: manager.id, indirect: ctx.includeIndirect });
  const users = await usersRepo.manyInTenant(ex, manager.tenantId, ids);
  if (!users.length) return { reportDate, members: [] };
  const records = await digestsRepo.records(ex, ids, assessmentFrom(ctx, users, reportDate), reportDate);
  const violations = await digestsRepo.violations(ex, { tenantId: manager.tenantId, userIds: ids, from: reportDate, to: reportDate });
  const vpn = ctx.unacknowledgedVpn ? await ctx.unacknowledgedVpn({ tenantId: manager.tenantId, from: reportDate, toInclusive: reportDate }) : [];
  const gaps = ctx.gaps ? await ctx.gaps.gapsFor(ids, reportDate) : [];

  const members = users.map((user): MemberDigest => {
    const schedule = scheduleFor(user, ctx.companyHolidays);
    const assessment = assessPerson(ctx, user, records.get(user.id) ?? [], reportDate);
    const own = violations.filter((v) => v.userId === user.id).map((v) => v.kind);
    const vpnUnacknowledged = vpn.filter((v) => v.userId === user.id).length;
    const gap = gaps.filter((g) => g.userId === user.id).sort((a, b) => b.minutes - a.minutes)[0];
    const flags: DigestFlag[] = [...assessment.flags];
    if (own.length) flags.push('violations');
    if (vpnUnacknowledged) flags.push('vpn_unacknowledged');
    if (gap) flags.push('gap');
    return { user, scheduledOnReportDate: isWorkday(reportDate, schedule), assessment, violations: own, vpnUnacknowledged, gap, flags };
  });
  return { reportDate, members };
}

const hours = (minutes: number, locale: Locale): string => formatMinutes(minutes, locale);

const STATUS_KEYS = { started: 'statusStarted', ended: 'statusEnded', day_off: 'statusDayOff', office: 'statusOffice' } as const;

function memberData(digest: MemberDigest, ctx: Pick<DigestContext, 'policy'>, locale: Locale): WellbeingMemberData {
  const r = digest.assessment.report;
  const detail = r?.startTime
    ? digestText(locale, 'detail', {
        range: formatTimeRange(r.startTime, r.endTime, locale),
        work: r.workingMinutes === undefined ? digestText(locale, 'detailNone') : hours(r.workingMinutes, locale),
        night: hours(r.lateNightMinutes ?? 0, locale),
      })
    : digestText(locale, 'detailNone');
  return {
    name: digest.user.name,
    status: digestText(locale, r ? STATUS_KEYS[r.status] : 'statusNone'),
    detail,
    mood: moodLine(digest.assessment.moods, locale),
    flags: flagTexts(digest, ctx, locale).join(' / '),
  };
}

/**
 * The wellbeing card's data. Teams up to the card limit list everyone; with `limit` (bigger teams, or
 * a card over the message size) only members to look at are listed, at most `limit`, with the summary
 * and the CSV link.
 */
function wellbeingCardData(team: TeamDigest, ctx: Pick<DigestContext, 'policy'>, locale: Locale, csvUrl?: string, limit?: number): DigestWellbeingCardData {
  const flagged = team.members.filter((m) => m.flags.length);
  const summary = digestText(locale, 'summary', {
    total: team.members.length,
    checked: team.members.filter((m) => m.assessment.report).length,
    missing: team.members.filter((m) => !m.assessment.report && m.scheduledOnReportDate).length,
    flagged: flagged.length,
  });
  const compact = limit !== undefined || team.members.length > MAX_MEMBERS_IN_CARD;
  const byName = (a: MemberDigest, b: MemberDigest) => a.user.name.localeCompare(b.user.name);
  const shown = compact
    ? [...flagged].sort(byName).slice(0, limit ?? MAX_MEMBERS_IN_CARD)
    : [...team.members].sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || byName(a, b));
  return {
    date: shortDate(team.reportDate, locale),
    summary,
    members: shown.map((m) => memberData(m, ctx, locale)),
    more: compact ? digestText(locale, 'moreMembers', { total: team.members.length, shown: shown.length }) : undefined,
    csvUrl: compact ? csvUrl : undefined,
  };
}

/**
 * The wellbeing card with everyone when it fits one Teams message, else with fewer members (those to
 * look at) and the CSV link; the card says how many of the team it shows.
 */
export function wellbeingCard(team: TeamDigest, ctx: Pick<DigestContext, 'policy'>, locale: Locale, csvUrl?: string): AdaptiveCardJson {
  const whole = wellbeingCardView(wellbeingCardData(team, ctx, locale, csvUrl), locale);
  if (cardBytes(whole) <= MESSAGE_BUDGET_BYTES) return whole;
  return fitCount(MAX_MEMBERS_IN_CARD, (limit) => wellbeingCardView(wellbeingCardData(team, ctx, locale, csvUrl, limit), locale));
}
