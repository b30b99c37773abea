import { MS_PER_MINUTE } from '../../domain/calendar';
import type { EndAnswers, StartAnswers } from '../../domain/checkins/model';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { upcomingNudges, vpnSignalDueAt } from '../../domain/reminders/rules';
import type { Executor } from '../../store/db';
import type { ReminderContext } from './context';
import { reminderId, remindersRepo } from './repository';
import { closeOpen } from './send';
import { vpnSessionsRepo, workdaysRepo } from './state-repository';

/**
 * What the check-ins tell the reminders, inside the transaction that records the answers: so a
 * check-out and the cancellation of its screen-lock reminders (or "VPN still connected" and its
 * reminder) commit together. Wired to the check-in service by the composition root.
 */
export function reminderCheckinEvents(ctx: ReminderContext) {
  const key = (user: User, workDate: string) => ({ userId: user.id, tenantId: user.tenantId, workDate });

  return {
    /** The day's scheduled screen-lock nudges still ahead are planned. */
    async started(tx: Executor, user: User, workDate: string, _answers: StartAnswers): Promise<void> {
      const now = ctx.clock.now();
      if ((await workdaysRepo.start(tx, key(user, workDate), now)) !== 'started') return;
      const schedule = scheduleFor(user, ctx.companyHolidays);
      await remindersRepo.planMany(
        tx,
        upcomingNudges(workDate, schedule, ctx.policy.screenLockTimes, now).map((nudge) => ({
          id: reminderId('screen_lock', user.id, workDate, `nudge-${nudge.seq}`),
          ...key(user, workDate),
          kind: 'screen_lock' as const,
          reason: 'scheduled' as const,
          seq: nudge.seq,
          dueAt: nudge.at,
        })),
      );
    },

    /** Screen-lock reminders end; "VPN still connected" (or an open gateway session) starts the VPN reminder. */
    async ended(tx: Executor, user: User, workDate: string, answers: EndAnswers): Promise<void> {
      const now = ctx.clock.now();
      const day = await workdaysRepo.end(tx, key(user, workDate), now);
      await closeOpen(ctx, tx, { userId: user.id, workDate, kind: 'screen_lock' }, 'checked_out');
      const first = { id: reminderId('vpn', user.id, workDate, '1'), ...key(user, workDate), kind: 'vpn' as const, seq: 1 };
      if (!answers.vpnDisconnected) {
        await remindersRepo.planVpnFirst(tx, { ...first, reason: 'checkout_answer', dueAt: new Date(now.getTime() + ctx.policy.vpnDelayMinutes * MS_PER_MINUTE) });
        return;
      }
      // A corrected answer ("disconnected" after "still connected") ends the answer's reminders.
      await closeOpen(ctx, tx, { userId: user.id, workDate, kind: 'vpn', reasons: ['checkout_answer'] }, 'acknowledged');
      const session = await vpnSessionsRepo.get(tx, user.id);
      if (session?.open && session.openedAt) {
        const schedule = scheduleFor(user, ctx.companyHolidays);
        const dueAt = vpnSignalDueAt({ workDate, schedule, openedAt: session.openedAt, endedAt: day.endedAt, policy: ctx.policy });
        await remindersRepo.planVpnFirst(tx, { ...first, reason: 'vpn_signal', dueAt });
      }
    },

    /** "Not working today" / "office day": nothing more that day. */
    async dayStatus(tx: Executor, user: User, workDate: string, status: 'day_off' | 'office'): Promise<void> {
      await workdaysRepo.setDayStatus(tx, key(user, workDate), status);
      await closeOpen(ctx, tx, { userId: user.id, workDate, kind: 'screen_lock' }, status);
      await closeOpen(ctx, tx, { userId: user.id, workDate, kind: 'vpn' }, status);
    },
  };
}
