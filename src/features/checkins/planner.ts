import { checkoutReminderAt, oncePerSchedule, plannedSends, scheduleFor, type CheckinSchedule } from '../../domain/checkins/schedule';
import { MS_PER_DAY } from '../../domain/calendar';
import { JOBS, type JobPayloads } from '../../jobs/names';
import { usersRepo, type ScheduleRow } from '../../store/users';
import { plannedSendsRepo } from './repository';
import type { FeatureDeps } from '../feature';

export interface PlannerDeps extends Pick<FeatureDeps, 'db' | 'clock' | 'queue' | 'logger' | 'companyHolidays'> {
  readonly horizonHours: number;
}

type DueKind = JobPayloads['checkins-slot']['kind'];

interface DueSend {
  readonly kind: DueKind;
  readonly localDate: string;
  readonly at: Date;
}

const SLOT_PREFIX = 'checkin-slot:';

const slotKey = (kind: DueKind, at: Date): string => `${SLOT_PREFIX}${kind}:${at.toISOString()}`;

/**
 * Start, end and check-out reminder cards whose own instant is in [from, until). A reminder comes
 * 2 h after its end card, so ends are looked for from a day earlier.
 */
function dueSends(schedule: CheckinSchedule, from: Date, until: Date): DueSend[] {
  const out: DueSend[] = [];
  for (const s of plannedSends(schedule, new Date(from.getTime() - MS_PER_DAY), until)) {
    if (s.at >= from) out.push(s);
    if (s.kind !== 'end') continue;
    const at = checkoutReminderAt(s.localDate, schedule);
    if (at >= from && at < until) out.push({ kind: 'checkout_reminder', localDate: s.localDate, at });
  }
  return out;
}

/**
 * Check-in cards in two steps, so a day for 100,000 people is a handful of jobs to plan:
 * - planning (recurring) groups everyone's due cards by (kind, instant) and creates ONE timed slot job
 *   per slot, in the same transaction as its ledger row (job_plan): planning again — on a timer, on
 *   another replica, after a restart — never creates a second job for the same slot;
 * - the slot job, when due, lists the people active THEN whose schedule has that kind at that instant
 *   and creates their `checkins-due` jobs (many per statement). A retried slot job creates them again,
 *   which is harmless: the card's outbox key (purpose, person, day) lets one card out, and the card job
 *   skips answered days.
 * Someone whose slot did not exist at the last planning (a new person with their own hours) gets it
 * planned by the next run; a slot instant already passed is not planned.
 */
export function createPlanner(deps: PlannerDeps) {
  return {
    async planOnce(): Promise<{ planned: number }> {
      const now = deps.clock.now();
      const until = new Date(now.getTime() + deps.horizonHours * 3_600_000);
      const slots = new Map<string, { kind: DueKind; at: Date }>();
      for (const row of await usersRepo.activeSchedules(deps.db)) {
        for (const s of safeDueSends(row, now, until)) slots.set(slotKey(s.kind, s.at), { kind: s.kind, at: s.at });
      }
      const known = await plannedSendsRepo.keysFrom(deps.db, now, SLOT_PREFIX);
      let planned = 0;
      for (const [key, slot] of slots) {
        if (known.has(key)) continue;
        const created = await deps.db.transaction(async (tx) => {
          if (!(await plannedSendsRepo.record(tx, { key, jobName: JOBS.checkinSlot, runAt: slot.at }))) return false;
          await deps.queue.send(
            JOBS.checkinSlot,
            { kind: slot.kind, at: slot.at.toISOString() },
            { tx, startAfterSeconds: (slot.at.getTime() - now.getTime()) / 1000 },
          );
          return true;
        });
        if (created) planned++;
      }
      if (planned) deps.logger.info({ planned }, 'check-in slots planned');
      return { planned };
    },

    /** The slot job: one `checkins-due` job per active person due at (kind, at). Returns how many. */
    async fanOut(kind: DueKind, at: Date): Promise<number> {
      const until = new Date(at.getTime() + 1);
      const localDateOf = oncePerSchedule((p: ScheduleRow) => safeDueSends(p, at, until).find((s) => s.kind === kind)?.localDate);
      const due: JobPayloads['checkins-due'][] = [];
      for (const p of await plannedSendsRepo.activePeople(deps.db)) {
        const localDate = localDateOf(p);
        if (localDate) due.push({ userId: p.id, localDate, kind });
      }
      await deps.queue.sendMany(JOBS.checkinDue, due);
      deps.logger.info({ kind, at: at.toISOString(), people: due.length }, 'check-in slot fanned out');
      return due.length;
    },
  };

  /** One person's bad override (unknown zone …) must not stop everyone else's cards. */
  function safeDueSends(row: ScheduleRow, from: Date, until: Date): DueSend[] {
    try {
      return dueSends(scheduleFor(row, deps.companyHolidays), from, until);
    } catch (err) {
      deps.logger.warn({ timeZone: row.timeZone, err: err instanceof Error ? err.message : String(err) }, 'schedule cannot be planned; skipped');
      return [];
    }
  }
}

export type Planner = ReturnType<typeof createPlanner>;
