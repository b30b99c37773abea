import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/calendar';
import { oncePerSchedule, scheduleFor, type CheckinSchedule } from '../../domain/checkins/schedule';
import { firstWorkdayOfMonth, monthOf } from '../../domain/policy/home-network';
import { JOBS, type JobPayloads } from '../../jobs/names';
import { usersRepo, type ScheduleRow } from '../../store/users';
import { homeNetworkSlotKey, homeNetworkSlotsRepo } from './repository';
import type { FeatureDeps } from '../feature';

export interface HomeNetworkPlannerDeps extends Pick<FeatureDeps, 'db' | 'clock' | 'queue' | 'logger' | 'companyHolidays'> {
  readonly horizonHours: number;
  /** Local time (`HH:MM`) on the first workday of the month. */
  readonly time: string;
}

/** A card planned while the app was down is still sent the same day, not a month late. */
const LATE_HOURS = 12;
/** The instant of a schedule's card of `month`: its first workday at local `time`; undefined without a workday. */
function cardInstant(schedule: CheckinSchedule, month: string, time: string): Date | undefined {
  const day = firstWorkdayOfMonth(month, schedule);
  return day ? zonedTimeToUtc(day, time, schedule.timeZone) : undefined;
}

/**
 * The monthly card (first workday of the month, at the configured local time) in two steps, so a
 * month for 100,000 people is a handful of jobs to plan:
 * - planning (recurring) groups the distinct schedules by (month, instant) and creates ONE timed
 *   `homenet-slot` job per slot, in the same transaction as its ledger row (job_plan): planning again
 *   — on a timer, on another replica, after a restart — never creates a second job for the same slot.
 *   A slot missed by up to 12 h (the app was down) is still planned, to run at once;
 * - the slot job, when due, lists the people active THEN whose card of that month is not sent and
 *   whose first workday and time give that instant, and creates their `homenet-due` jobs (1,000 per
 *   statement). A retried slot creates them again, harmlessly: the per-person job marks the month sent
 *   in home_network_checks in the transaction that enqueues the card, and skips a month already sent.
 * Someone who joins after their slot ran gets no card that month (the command still opens it).
 */
export function createHomeNetworkPlanner(deps: HomeNetworkPlannerDeps) {
  return {
    async planOnce(): Promise<{ planned: number }> {
      const now = deps.clock.now();
      const from = now.getTime() - LATE_HOURS * 3_600_000;
      const until = now.getTime() + deps.horizonHours * 3_600_000;
      const slots = new Map<string, { month: string; at: Date }>();
      for (const row of await usersRepo.activeSchedules(deps.db)) {
        // This month's card and, near a month's end, the next one's.
        const instants = safeInstants(row, (schedule) => {
          const today = localDateOf(now, schedule.timeZone);
          const months = new Set([monthOf(today), monthOf(addDays(today, Math.ceil(deps.horizonHours / 24) + 1))]);
          return [...months].map((month) => ({ month, at: cardInstant(schedule, month, deps.time) }));
        });
        for (const s of instants) if (s.at.getTime() >= from && s.at.getTime() < until) slots.set(homeNetworkSlotKey(s.month, s.at), s);
      }
      if (!slots.size) return { planned: 0 };
      const known = await homeNetworkSlotsRepo.keysFrom(deps.db, new Date(from));
      let planned = 0;
      for (const [key, slot] of slots) {
        if (known.has(key)) continue;
        const created = await deps.db.transaction(async (tx) => {
          if (!(await homeNetworkSlotsRepo.record(tx, { month: slot.month, at: slot.at, jobName: JOBS.homeNetworkSlot }))) return false;
          await deps.queue.send(
            JOBS.homeNetworkSlot,
            { month: slot.month, at: slot.at.toISOString(), time: deps.time },
            { tx, startAfterSeconds: Math.max(0, (slot.at.getTime() - now.getTime()) / 1000) },
          );
          return true;
        });
        if (created) planned++;
      }
      if (planned) deps.logger.info({ planned }, 'home-network slots planned');
      return { planned };
    },

    /** The slot job: one `homenet-due` job per active person due at the slot, card not sent yet. Returns how many. */
    async fanOut(slot: JobPayloads['homenet-slot']): Promise<number> {
      const at = new Date(slot.at).getTime();
      const isDue = oncePerSchedule((person: ScheduleRow) =>
        safeInstants(person, (schedule) => [{ month: slot.month, at: cardInstant(schedule, slot.month, slot.time) }]).some((s) => s.at.getTime() === at),
      );
      const due: JobPayloads['homenet-due'][] = [];
      for (const p of await homeNetworkSlotsRepo.unsentPeople(deps.db, slot.month)) {
        if (isDue(p)) due.push({ userId: p.id, month: slot.month });
      }
      await deps.queue.sendMany(JOBS.homeNetworkDue, due);
      deps.logger.info({ month: slot.month, at: slot.at, people: due.length }, 'home-network slot fanned out');
      return due.length;
    },
  };

  /** One person's bad override (unknown zone …) must not stop everyone else's cards. */
  function safeInstants(row: ScheduleRow, instants: (schedule: CheckinSchedule) => { month: string; at: Date | undefined }[]): { month: string; at: Date }[] {
    try {
      return instants(scheduleFor(row, deps.companyHolidays)).filter((s): s is { month: string; at: Date } => s.at !== undefined);
    } catch (err) {
      deps.logger.warn({ timeZone: row.timeZone, err: err instanceof Error ? err.message : String(err) }, 'home-network schedule cannot be planned; skipped');
      return [];
    }
  }
}
