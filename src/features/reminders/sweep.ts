import { MS_PER_MINUTE } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { screenLockSkip, vpnSkip, type SkipReason } from '../../domain/reminders/rules';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { ReminderContext } from './context';
import { reminderId, remindersRepo, type Reminder } from './repository';
import { enqueueReminder } from './send';
import { preferencesRepo, vpnSessionsRepo, workdaysRepo } from './state-repository';

const PER_SWEEP = 200;

/**
 * Sends every planned reminder whose time has come by the application clock. A reminder is claimed
 * (marked sent) in the same transaction that puts its card in the outbox, so it goes out once across
 * replicas, retries and restarts; one that is no longer wanted is closed as skipped, with the reason.
 */
export async function sweep(ctx: ReminderContext): Promise<number> {
  const now = ctx.clock.now();
  let sent = 0;
  for (const id of await remindersRepo.dueIds(ctx.db, now, PER_SWEEP)) {
    sent += await ctx.db.transaction((tx) => runDue(ctx, tx, id, now));
  }
  if (sent) ctx.outbox.notify();
  return sent;
}

async function runDue(ctx: ReminderContext, tx: Executor, id: string, now: Date): Promise<number> {
  const r = await remindersRepo.lockDue(tx, id);
  if (!r) return 0;
  const user = await usersRepo.get(tx, r.userId);
  if (!user?.active) {
    await remindersRepo.close(tx, r.id, 'skipped', 'inactive', now);
    return 0;
  }
  const skip = await skipReason(ctx, tx, user, r, now);
  if (skip) {
    await remindersRepo.close(tx, r.id, 'skipped', skip, now);
    return 0;
  }
  await remindersRepo.markSent(tx, r.id, now);
  const sent: Reminder = { ...r, status: 'sent', sentAt: now };
  await enqueueReminder(ctx, tx, user, sent);
  // The next VPN reminder is planned with this one; acknowledging or a closed session cancels it.
  if (r.kind === 'vpn' && r.seq < ctx.policy.vpnMax) {
    await remindersRepo.plan(tx, {
      ...r,
      id: reminderId('vpn', r.userId, r.workDate, String(r.seq + 1)),
      seq: r.seq + 1,
      dueAt: new Date(now.getTime() + ctx.policy.vpnRepeatMinutes * MS_PER_MINUTE),
    });
  }
  return 1;
}

async function skipReason(ctx: ReminderContext, tx: Executor, user: User, reminder: Reminder, now: Date): Promise<SkipReason | undefined> {
  const day = await workdaysRepo.get(tx, reminder.userId, reminder.workDate);
  const base = { now, workDate: reminder.workDate, schedule: scheduleFor(user, ctx.companyHolidays), dayStatus: day?.status, dueAt: reminder.dueAt };
  if (reminder.kind === 'vpn') {
    const session = await vpnSessionsRepo.get(tx, reminder.userId);
    return vpnSkip({ ...base, reason: reminder.reason === 'vpn_signal' ? 'vpn_signal' : 'checkout_answer', session });
  }
  const { lastSentAt, presenceSent } = await remindersRepo.screenLockDay(tx, reminder.userId, reminder.workDate);
  return screenLockSkip({
    ...base,
    reason: reminder.reason === 'presence' ? 'presence' : 'scheduled',
    seq: reminder.seq,
    laterNudgesOn: await preferencesRepo.laterNudges(tx, reminder.userId),
    lastSentAt,
    presenceSentToday: presenceSent,
    policy: ctx.policy,
  });
}
