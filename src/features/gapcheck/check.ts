import { MS_PER_MINUTE } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { reportedSpan, selfReportGap } from '../../domain/worktime/gap';
import { JOBS } from '../../jobs/names';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { gapDetectedAudit } from './audit-events';
import type { GapContext } from './context';
import { activityRepo, checksRepo } from './repository';
import { enqueueGapCard } from './views';

/** Presence is still read this long after the end check-in (issue 17: no blind window after a late report). */
const WATCH_AFTER_END_MS = 120 * MS_PER_MINUTE;

/** The parts of the check-in answers the gap check reads (structurally the check-ins' answers). */
interface StartTimes {
  readonly startTime: string;
}
interface EndTimes {
  readonly endTime: string;
}

/** The check-in hooks of the gap check, called inside the transactions that record the answers. */
export function gapCheckinEvents(ctx: GapContext) {
  const key = (user: User, workDate: string) => ({ userId: user.id, tenantId: user.tenantId, workDate });
  return {
    async started(tx: Executor, user: User, workDate: string, answers: StartTimes): Promise<void> {
      await checksRepo.reportStart(tx, key(user, workDate), answers.startTime);
    },

    /** The first end answer plans the check: a row and a durable job, in the same transaction. */
    async ended(tx: Executor, user: User, workDate: string, answers: EndTimes): Promise<void> {
      const now = ctx.clock.now();
      const check = await checksRepo.get(tx, user.id, workDate);
      const timeZone = scheduleFor(user, ctx.companyHolidays).timeZone;
      const reportedEnd = check?.startTime ? reportedSpan(workDate, check.startTime, answers.endTime, timeZone).end : now;
      // Presence is read until the check: at least 2 h after the end check-in, so a late report is compared too.
      const dueAt = new Date(Math.max(Math.max(now.getTime(), reportedEnd.getTime()) + ctx.settings.delayMinutes * MS_PER_MINUTE, now.getTime() + WATCH_AFTER_END_MS));
      if (!(await checksRepo.reportEnd(tx, key(user, workDate), answers.endTime, dueAt))) return;
      await ctx.queue.send(JOBS.gapcheckDue, { userId: user.id, workDate }, { tx, startAfterSeconds: (dueAt.getTime() - now.getTime()) / 1000 });
    },

    /** "Not working today" / "office day" won over the check-in: nothing to compare. */
    async dayStatus(tx: Executor, user: User, workDate: string): Promise<void> {
      await checksRepo.cancel(tx, user.id, workDate);
    },
  };
}

export type GapOutcome = 'ok' | 'asked' | 'skipped';

/**
 * The job: compares the reported start/end with the day's objective activity. A gap above the
 * threshold asks the person for a reason (card through the outbox, same transaction); otherwise the
 * day is marked ok. Runs once per day: a retry or a second replica finds the check settled.
 */
export async function runCheck(ctx: GapContext, userId: string, workDate: string): Promise<GapOutcome> {
  const user = await usersRepo.get(ctx.db, userId);
  if (!user?.active) return 'skipped';
  const outcome = await ctx.db.transaction(async (tx): Promise<GapOutcome> => {
    const check = await checksRepo.get(tx, userId, workDate, true);
    if (check?.status !== 'planned' || !check.startTime || !check.endTime) return 'skipped';
    const now = ctx.clock.now();
    const span = reportedSpan(workDate, check.startTime, check.endTime, scheduleFor(user, ctx.companyHolidays).timeZone);
    const activity = await activityRepo.ofDay(tx, userId, workDate);
    const gap = selfReportGap({ reportedStart: span.start, reportedEnd: span.end, firstActivity: activity.first, lastActivity: activity.last, thresholdMinutes: ctx.settings.thresholdMinutes });
    const status = gap.minutes > 0 ? 'asked' : 'ok';
    await checksRepo.settle(tx, check, { status, ...gap }, now);
    if (status === 'ok') return 'ok';
    const asked = { ...check, status, ...gap } as const;
    await enqueueGapCard(ctx, tx, user, asked, { first: activity.first, last: activity.last });
    await ctx.audit.append(tx, gapDetectedAudit(user, asked));
    return 'asked';
  });
  if (outcome === 'asked') ctx.outbox.notify();
  ctx.logger.debug({ user: userId, workDate, outcome }, 'self-report gap check');
  return outcome;
}
