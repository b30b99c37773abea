import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/calendar';
import { isWorkday, oncePerSchedule, scheduleFor } from '../../domain/checkins/schedule';
import { JOBS, type JobPayloads } from '../../jobs/names';
import type { JobQueue } from '../../jobs/queue';
import type { DigestContext } from './context';
import { digestsRepo, type RecipientRow } from './repository';

type ScheduleFields = Pick<RecipientRow, 'timeZone' | 'schedule'>;

interface DigestTime {
  readonly localDate: string;
  readonly at: Date;
}

/** Digest instants of a schedule in [from, until): `time` on its workdays, in its zone. */
function digestTimes(fields: ScheduleFields, time: string, companyHolidays: readonly string[], from: Date, until: Date): DigestTime[] {
  const schedule = scheduleFor(fields, companyHolidays);
  const out: DigestTime[] = [];
  const last = localDateOf(until, schedule.timeZone);
  for (let day = addDays(localDateOf(from, schedule.timeZone), -1); day <= last; day = addDays(day, 1)) {
    if (!isWorkday(day, schedule)) continue;
    const at = zonedTimeToUtc(day, time, schedule.timeZone);
    if (at >= from && at < until) out.push({ localDate: day, at });
  }
  return out;
}

/**
 * Plans the digests of the coming `horizonHours` as ONE durable timed slot job per instant (DIGEST_TIME
 * in each zone: usually one a day), created in the same transaction as its ledger row (job_plan):
 * planning again on a timer, on another replica or after a restart never creates a second job. The
 * slot job fans out one `digests-due` job per recipient due then (fanOutDigests).
 */
export async function planDigests(ctx: DigestContext, queue: JobQueue, horizonHours: number): Promise<{ planned: number }> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + horizonHours * 3_600_000);
  const slots = new Map<string, Date>();
  for (const r of await digestsRepo.recipientSchedules(ctx.db, await ctx.roles.securityMemberIds(ctx.db))) {
    for (const d of safeTimes(ctx, r, ctx.time, now, until)) slots.set(`digest-slot:${d.at.toISOString()}`, d.at);
  }
  const known = await digestsRepo.plannedKeys(ctx.db, now);
  let planned = 0;
  for (const [key, at] of slots) {
    if (known.has(key)) continue;
    planned += await ctx.db.transaction(async (tx) => {
      if (!(await digestsRepo.recordPlans(tx, JOBS.digestSlot, [{ key, runAt: at }])).size) return 0;
      await queue.send(JOBS.digestSlot, { at: at.toISOString(), time: ctx.time }, { tx, startAfterSeconds: (at.getTime() - now.getTime()) / 1000 });
      return 1;
    });
  }
  if (planned) ctx.logger.info({ planned }, 'digest slots planned');
  return { planned };
}

/**
 * The slot job: one `digests-due` job per recipient (at run time) whose digest is at `at` (local
 * `time` on their workday). A retried slot sends them again, harmlessly: a recipient's day runs once
 * (digest_runs). Returns how many.
 */
export async function fanOutDigests(ctx: DigestContext, queue: JobQueue, slot: JobPayloads['digests-slot']): Promise<number> {
  const at = new Date(slot.at);
  const until = new Date(at.getTime() + 1);
  const localDateOf = oncePerSchedule((r: ScheduleFields) => safeTimes(ctx, r, slot.time, at, until)[0]?.localDate);
  const due: JobPayloads['digests-due'][] = [];
  for (const r of await digestsRepo.recipients(ctx.db, await ctx.roles.securityMemberIds(ctx.db))) {
    const localDate = localDateOf(r);
    if (localDate) due.push({ userId: r.id, localDate });
  }
  await queue.sendMany(JOBS.digestDue, due);
  ctx.logger.info({ at: slot.at, recipients: due.length }, 'digest slot fanned out');
  return due.length;
}

/** One recipient's bad override (unknown zone …) must not stop everyone else's digests. */
function safeTimes(ctx: DigestContext, schedule: ScheduleFields, time: string, from: Date, until: Date): DigestTime[] {
  try {
    return digestTimes(schedule, time, ctx.companyHolidays, from, until);
  } catch (err) {
    ctx.logger.warn({ timeZone: schedule.timeZone, err: err instanceof Error ? err.message : String(err) }, 'digest schedule cannot be planned; skipped');
    return [];
  }
}
