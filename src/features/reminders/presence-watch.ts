import { addDays, localDateOf } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { inWorkingHours, leftDesk, screenLockSkip } from '../../domain/reminders/rules';
import type { UserPresence } from '../../graph/presence';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { ReminderContext } from './context';
import { reminderId, remindersRepo, type Reminder } from './repository';
import { enqueueReminder } from './send';
import { preferencesRepo, presenceRepo, workdaysRepo, type SeenPresence, type Workday } from './state-repository';

interface Change {
  readonly user: User;
  readonly day: Workday;
  readonly previous: SeenPresence;
  readonly current: UserPresence;
}

/**
 * Reads Teams presence of everyone at work (checked in, not out, inside working hours) and sends a
 * screen-lock reminder to whoever went from available/busy/do-not-disturb to away or be-right-back.
 * The last presence is stored, so a change is noticed across restarts and replicas; the rules decide
 * whether a reminder may go out (daily limit, minimum gap).
 */
export async function watchPresence(ctx: ReminderContext): Promise<{ read: number; reminded: number }> {
  if (!ctx.presence) return { read: 0, reminded: 0 };
  const now = ctx.clock.now();
  const atWork = await peopleAtWork(ctx, now);
  if (!atWork.size) return { read: 0, reminded: 0 };

  const presences = await ctx.presence.read([...atWork.keys()]);
  const seen = await presenceRepo.seen(ctx.db, presences.map((p) => p.userId));
  const unchanged: UserPresence[] = [];
  const changes: Change[] = [];
  for (const current of presences) {
    const work = atWork.get(current.userId);
    const previous = seen.get(current.userId);
    // Only a presence seen since this day's check-in counts: yesterday evening's "Available" is no witness.
    const today = previous && work?.day.startedAt && previous.seenAt >= work.day.startedAt ? previous : undefined;
    if (work && today && previous && leftDesk(today.availability, current.availability)) changes.push({ ...work, previous, current });
    else unchanged.push(current);
  }
  await presenceRepo.saveMany(ctx.db, unchanged, now);
  await ctx.onPresence?.(presences.flatMap((p) => readingOf(atWork, seen, p)), now);

  let reminded = 0;
  for (const change of changes) reminded += await ctx.db.transaction((tx) => remindOnChange(ctx, tx, change, now));
  if (reminded) ctx.outbox.notify();
  return { read: presences.length, reminded };
}

/** A reading for the onPresence listener: the previous availability only when seen this work day. */
function readingOf(atWork: Map<string, { day: Workday }>, seen: Map<string, SeenPresence>, presence: UserPresence) {
  const work = atWork.get(presence.userId);
  if (!work) return [];
  const previous = seen.get(presence.userId);
  const today = previous && work.day.startedAt && previous.seenAt >= work.day.startedAt ? previous.availability : undefined;
  return [{ userId: presence.userId, workDate: work.day.workDate, previous: today, current: presence.availability }];
}

/** Started and not ended, inside the day's working hours now: one work day per person. */
async function peopleAtWork(ctx: ReminderContext, now: Date): Promise<Map<string, { user: User; day: Workday }>> {
  // Two days back covers every time zone and a night shift still running from yesterday.
  const working = await workdaysRepo.working(ctx.db, addDays(localDateOf(now, 'UTC'), -2));
  if (!working.length) return new Map();
  const users = new Map((await usersRepo.listActive(ctx.db)).map((u) => [u.id, u]));
  const atWork = new Map<string, { user: User; day: Workday }>();
  for (const day of working) {
    const user = users.get(day.userId);
    if (user && inWorkingHours(now, day.workDate, scheduleFor(user, ctx.companyHolidays))) atWork.set(user.id, { user, day });
  }
  return atWork;
}

async function remindOnChange(ctx: ReminderContext, tx: Executor, change: Change, now: Date): Promise<number> {
  // Of two replicas that saw the same change, only the one that stores it reminds.
  if (!(await presenceRepo.replace(tx, change.current, change.previous, now))) return 0;
  const { user } = change;
  const workDate = change.day.workDate;
  const day = await workdaysRepo.get(tx, user.id, workDate);
  const { lastSentAt, presenceSent, presenceRows } = await remindersRepo.screenLockDay(tx, user.id, workDate);
  const seq = presenceRows + 1;
  const skip = screenLockSkip({
    now,
    workDate,
    schedule: scheduleFor(user, ctx.companyHolidays),
    dayStatus: day?.status,
    reason: 'presence',
    dueAt: now,
    seq,
    laterNudgesOn: await preferencesRepo.laterNudges(tx, user.id),
    lastSentAt,
    presenceSentToday: presenceSent,
    policy: ctx.policy,
  });
  if (skip) {
    ctx.logger.debug({ user: user.id, skip }, 'away without a screen-lock reminder');
    return 0;
  }
  const r: Reminder = {
    id: reminderId('screen_lock', user.id, workDate, `presence-${seq}`),
    userId: user.id,
    tenantId: user.tenantId,
    workDate,
    kind: 'screen_lock',
    reason: 'presence',
    seq,
    dueAt: now,
    status: 'sent',
    sentAt: now,
  };
  if (!(await remindersRepo.insertSent(tx, r, now))) return 0;
  await enqueueReminder(ctx, tx, user, r);
  return 1;
}
