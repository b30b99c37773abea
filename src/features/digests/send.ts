import { formatMinutes } from '../../cards/format';
import { AUDIT_KINDS } from '../../audit/kinds';
import { PURPOSES } from '../../delivery/outbox';
import type { LocalDate } from '../../domain/calendar';
import type { User } from '../../domain/people/user';
import { scheduleFor } from '../../domain/checkins/schedule';
import { needsOvertimeNotice, windowOf } from '../../domain/worktime/assess';
import type { MonthAssessment } from '../../domain/worktime/law';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { WINDOW_DAYS, type DigestContext } from './context';
import { collectSections, incidentCard } from './incident';
import type { DigestScope } from './ports';
import { digestsRepo } from './repository';
import { digestActivity, overtimeNoticeView, shortDate } from './views';
import { assessmentFrom, assessPerson, teamDigest, wellbeingCard } from './wellbeing';

/** Digests and the 80-hour notice travel in the bulk lane, each under its own purpose. */

export interface DigestOutcome {
  readonly wellbeing: boolean;
  readonly incident: boolean;
  readonly notices: number;
}

/**
 * The day's digests of one recipient: the wellbeing digest (managers), the incident digest (managers
 * and the security team, when something is open) and the 80-hour notices of their reports. Everything
 * is read first (other features' sources may use their own connection); the cards are then put in the
 * outbox in one transaction with the ledger rows, so a retried job or a second replica sends nothing twice.
 */
export async function runDigests(ctx: DigestContext, userId: string, localDate: LocalDate): Promise<DigestOutcome> {
  const none: DigestOutcome = { wellbeing: false, incident: false, notices: 0 };
  const user = await usersRepo.get(ctx.db, userId);
  if (!user?.active) return none;
  const team = await teamDigest(ctx, ctx.db, user, localDate);
  const security = await ctx.roles.isSecurity(ctx.db, user);
  const memberIds = team.members.map((m) => m.user.id);
  const period = { tenantId: user.tenantId, from: windowOf(team.reportDate, WINDOW_DAYS)[0] ?? team.reportDate, to: team.reportDate, timeZone: scheduleFor(user, ctx.companyHolidays).timeZone };
  const scope: DigestScope | undefined = security ? period : memberIds.length ? { ...period, userIds: memberIds } : undefined;
  const sections = scope ? await collectSections(ctx.sections, scope, (id, err) => ctx.logger.warn({ provider: id, err: String(err) }, 'digest section failed')) : [];
  const wellbeing = team.members.length ? wellbeingCard(team, ctx, user.locale, ctx.csvLink?.(user.id, localDate)) : undefined;
  const incident = sections.length ? await incidentCard(ctx.db, user.tenantId, team.reportDate, sections, user.locale) : undefined;
  const notices = team.members.filter((m) => needsOvertimeNotice(m.assessment.month, ctx.policy));
  const date = shortDate(team.reportDate, user.locale);

  const outcome = await ctx.db.transaction(async (tx) => {
    const run = { recipientId: user.id, localDate, tenantId: user.tenantId, reportDate: team.reportDate };
    let sentWellbeing = false;
    let sentIncident = false;
    if (wellbeing && (await digestsRepo.recordRun(tx, { ...run, kind: 'wellbeing', members: team.members.length, flagged: team.members.filter((m) => m.flags.length).length }))) {
      sentWellbeing = await ctx.outbox.enqueueFor(tx, {
        purpose: PURPOSES.digestWellbeing, to: user, subject: localDate, batchId: `digest-wellbeing:${localDate}`,
        activity: digestActivity(wellbeing, user.locale, 'notifyWellbeing', { date }),
      });
    }
    if (incident && (await digestsRepo.recordRun(tx, { ...run, kind: 'incident', members: memberIds.length, flagged: sections.reduce((n, s) => n + s.rows.length, 0) }))) {
      sentIncident = await ctx.outbox.enqueueFor(tx, {
        purpose: PURPOSES.digestIncident, to: user, subject: localDate, batchId: `digest-incident:${localDate}`,
        activity: digestActivity(incident, user.locale, 'notifyIncident', { date }),
      });
    }
    let sentNotices = 0;
    for (const m of notices) sentNotices += (await sendOvertimeNotice(ctx, tx, m.user, m.assessment.month)) ? 1 : 0;
    return { wellbeing: sentWellbeing, incident: sentIncident, notices: sentNotices };
  });
  if (outcome.wellbeing || outcome.incident || outcome.notices) ctx.outbox.notify();
  return outcome;
}

/**
 * Right after a person's end-of-day check-in, in its transaction: when the month's hours on the 安衛法
 * basis (beyond 40 h a week) went over the line with it, the 80-hour notice goes to them at once, with
 * or without a manager (the digest only reaches people who have one). Once a month, as the digest's.
 */
export async function overtimeNoticeAfterEnd(ctx: DigestContext, tx: Executor, user: User, workDate: LocalDate): Promise<boolean> {
  const records = await digestsRepo.records(tx, [user.id], assessmentFrom(ctx, [user], workDate), workDate);
  const assessment = assessPerson(ctx, user, records.get(user.id) ?? [], workDate);
  if (!needsOvertimeNotice(assessment.month, ctx.policy)) return false;
  return sendOvertimeNotice(ctx, tx, user, assessment.month);
}

/** The 80-hour notice to the worker, at most once per month (ledger row + outbox key). */
async function sendOvertimeNotice(ctx: DigestContext, tx: Executor, user: User, month: MonthAssessment): Promise<boolean> {
  const figures = { workedMinutes: month.workedMinutes, overtimeMinutes: month.overtimeMinutes, legalHolidayMinutes: month.legalHolidayMinutes, healthCheckMinutes: month.healthCheckMinutes };
  const first = await digestsRepo.recordNotice(tx, { userId: user.id, tenantId: user.tenantId, month: month.month, ...figures });
  if (!first) return false;
  const card = overtimeNoticeView(month, user.locale, ctx.interview);
  await ctx.audit?.append(tx, { kind: AUDIT_KINDS.checkinOvertimeNotice, tenantId: user.tenantId, subjectId: user.id, data: { month: month.month, ...figures } });
  return ctx.outbox.enqueueFor(tx, {
    purpose: PURPOSES.overtimeNotice, to: user, subject: month.month, batchId: `overtime-notice:${month.month}`,
    activity: digestActivity(card, user.locale, 'notifyNotice', { h: formatMinutes(month.healthCheckMinutes, user.locale) }),
  });
}
