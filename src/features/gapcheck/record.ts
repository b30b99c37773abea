import { addDays, localDateOf } from '../../domain/calendar';
import { scheduledEndAt, scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { presenceIsActivity } from '../../domain/worktime/gap';
import { usersRepo } from '../../store/users';
import type { GapContext } from './context';
import { activityRepo, checksRepo, type PresenceMark } from './repository';

/** A presence reading of someone at work, as the reminders' presence watch hands it over. */
export interface PresenceReading {
  readonly userId: string;
  readonly workDate: string;
  /** The availability seen before, this work day; undefined for the day's first reading. */
  readonly previous?: string;
  readonly current: string;
}

/** A VPN session event, as the signals feature hands it over. */
export interface VpnEvent {
  readonly userId: string;
  readonly tenantId: string;
  readonly occurredAt: Date;
}

const workDateOf = (ctx: GapContext, user: User, at: Date) => localDateOf(at, scheduleFor(user, ctx.companyHolidays).timeZone);

/** Stores readings as activity (one statement); never throws: the reminders must go on. */
export async function recordPresence(ctx: GapContext, readings: readonly PresenceReading[], at: Date): Promise<void> {
  const marks: PresenceMark[] = readings.map((reading) => ({
    userId: reading.userId,
    workDate: reading.workDate,
    availability: reading.current,
    activeAt: presenceIsActivity(reading.previous, reading.current) ? at : undefined,
  }));
  try {
    await activityRepo.markPresence(ctx.db, marks);
  } catch (err) {
    ctx.logger.warn({ err: err instanceof Error ? err.message : String(err), readings: marks.length }, 'presence not recorded for the gap check');
  }
}

/** A VPN session opened or closed: the person was at the PC then. */
export async function recordVpn(ctx: GapContext, event: VpnEvent): Promise<void> {
  const user = await usersRepo.get(ctx.db, event.userId);
  if (!user || user.tenantId !== event.tenantId) return;
  await activityRepo.mark(ctx.db, 'vpn', user.id, workDateOf(ctx, user, event.occurredAt), event.occurredAt);
}

/** An Action.Execute arrived from the person: one upsert, errors only logged. */
export async function recordCardInteraction(ctx: GapContext, user: User): Promise<void> {
  const at = ctx.clock.now();
  try {
    await activityRepo.mark(ctx.db, 'card', user.id, workDateOf(ctx, user, at), at);
  } catch (err) {
    ctx.logger.warn({ err: err instanceof Error ? err.message : String(err), user: user.id }, 'card interaction not recorded for the gap check');
  }
}

/** How long after the scheduled end a day still open is watched (someone who never checks out is not watched for ever). */
const OPEN_WATCH_MS = 12 * 3_600_000;

/**
 * The days whose presence only the gap check reads: after the scheduled end until the end check-in
 * arrives (the reminders' watch stops at the scheduled end), and from the end check-in until the
 * check (at least 2 h, see check.ts). No blind window: someone working until 20:15 who reports 18:00
 * at 20:20 is seen until 20:20 and after.
 */
async function watchedDays(ctx: GapContext, now: Date): Promise<{ userId: string; workDate: string }[]> {
  const planned = await checksRepo.watched(ctx.db, now);
  const open = (await checksRepo.openDays(ctx.db, addDays(localDateOf(now, 'UTC'), -2))).filter((check) => {
    const end = scheduledEndAt(check.workDate, scheduleFor(check, ctx.companyHolidays)).getTime();
    return end <= now.getTime() && now.getTime() < end + OPEN_WATCH_MS;
  });
  return [...planned, ...open];
}

/** Reads presence of the watched people (watchedDays) and stores what counts as activity. */
export async function watchAfterWork(ctx: GapContext): Promise<{ read: number }> {
  if (!ctx.presence) return { read: 0 };
  const now = ctx.clock.now();
  const watched = await watchedDays(ctx, now);
  if (!watched.length) return { read: 0 };
  const dayOf = new Map(watched.map((c) => [c.userId, c.workDate]));
  const keys = [...dayOf].map(([userId, workDate]) => ({ userId, workDate }));
  const states = await activityRepo.presenceStates(ctx.db, keys);
  const presences = await ctx.presence.read([...dayOf.keys()]);
  const readings: PresenceReading[] = [];
  for (const p of presences) {
    const workDate = dayOf.get(p.userId);
    if (workDate) readings.push({ userId: p.userId, workDate, previous: states.get(p.userId), current: p.availability });
  }
  await recordPresence(ctx, readings, now);
  return { read: presences.length };
}
