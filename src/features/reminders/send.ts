import { AUDIT_KINDS } from '../../audit/kinds';
import { deliveryKey } from '../../delivery/outbox';
import { localTimeOf } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { ReminderContext } from './context';
import { remindersRepo, type OpenFilter, type Reminder } from './repository';
import { preferencesRepo } from './state-repository';
import { purposeOf, reminderActivity, screenLockCardView, vpnCardView, type ScreenLockExtras } from './views';

/** The delivery of a reminder: one per reminder row, so a retry or a second replica sends nothing twice. */
const reminderDeliveryKey = (r: Reminder): string => deliveryKey(purposeOf(r.kind), r.userId, r.id);

/**
 * The later scheduled nudge times and the person's choice, shown as a toggle on scheduled nudges —
 * only while a later nudge is still to come that day: the 15:00 card offering to stop "the 15:00
 * reminder" would be a button about itself.
 */
async function laterNudgeExtras(ctx: ReminderContext, ex: Executor, userId: string, scheduledAt: string): Promise<ScreenLockExtras> {
  const later = ctx.policy.screenLockTimes.slice(1);
  if (!later.some((time) => time > scheduledAt)) return {};
  return { laterNudges: { times: later.join(', '), on: await preferencesRepo.laterNudges(ex, userId) } };
}

/** The reminder's card as the person sees it now (buttons, or the confirmation once answered). */
export async function reminderCard(ctx: ReminderContext, ex: Executor, user: User, reminder: Reminder, note?: string) {
  const timeZone = scheduleFor(user, ctx.companyHolidays).timeZone;
  if (reminder.kind === 'vpn') return vpnCardView(user, timeZone, reminder, ctx.policy.vpnMax);
  const extras = reminder.reason === 'scheduled' ? await laterNudgeExtras(ctx, ex, user.id, localTimeOf(reminder.dueAt, timeZone)) : {};
  return screenLockCardView(user, timeZone, reminder, { ...extras, note });
}

/** Puts the reminder's card in the outbox inside the caller's transaction (the one that marks it sent). */
export async function enqueueReminder(ctx: ReminderContext, tx: Executor, user: User, reminder: Reminder): Promise<boolean> {
  const purpose = purposeOf(reminder.kind);
  const queued = await ctx.outbox.enqueueFor(tx, {
    purpose,
    to: user,
    subject: reminder.id,
    batchId: `${purpose}:${reminder.workDate}`,
    activity: reminderActivity(user, await reminderCard(ctx, tx, user, reminder), reminder.kind),
  });
  if (queued) {
    await ctx.audit.append(tx, { kind: AUDIT_KINDS.reminderSent, tenantId: user.tenantId, subjectId: user.id, data: { reminderId: reminder.id, kind: reminder.kind, reason: reminder.reason, workDate: reminder.workDate } });
  }
  return queued;
}

/**
 * Closes reminders whose reason is gone (checked out, day off, VPN closed, acknowledged): planned ones
 * are cancelled, and so are sent ones still waiting in the outbox — a late reminder is worse than
 * none. Ones already delivered stay recorded as unanswered, or become `resolved` when asked.
 */
export async function closeOpen(ctx: ReminderContext, tx: Executor, filter: OpenFilter, reason: string, delivered?: 'resolved'): Promise<number> {
  const now = ctx.clock.now();
  const cancelled: string[] = [];
  const resolved: string[] = [];
  for (const r of await remindersRepo.open(tx, filter)) {
    if (r.status === 'due' || (await ctx.outbox.cancelPendingKey(tx, reminderDeliveryKey(r)))) cancelled.push(r.id);
    else if (delivered) resolved.push(r.id);
  }
  // One statement per outcome, not per reminder: a check-out ends the day's nudges at once.
  await remindersRepo.closeMany(tx, cancelled, 'cancelled', reason, now);
  if (delivered) await remindersRepo.closeMany(tx, resolved, delivered, reason, now);
  return cancelled.length;
}
