import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import { firstWorkdayOfMonth, monthOf } from '../../domain/policy/home-network';
import type { Clock } from '../../domain/shared/clock';
import { JOBS } from '../../jobs/names';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { usersRepo } from '../../store/users';
import { homeNetworkRepo } from './repository';

export interface HomeNetworkPlannerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  readonly horizonHours: number;
  /** Local time (`HH:MM`) on the first workday of the month. */
  readonly time: string;
}

/** A card planned while the app was down is still sent the same day, not a month late. */
const LATE_HOURS = 12;

/**
 * Plans each person's monthly card (first workday of the month, at the configured local time) as a
 * durable `homenet-due` job, created with its ledger row (home_network_checks, key person + month) in
 * one transaction: planning again — on a timer, on another replica, after a restart — plans nothing twice.
 */
export function createHomeNetworkPlanner(deps: HomeNetworkPlannerDeps) {
  return {
    async planOnce(): Promise<{ planned: number }> {
      const now = deps.clock.now();
      const from = now.getTime() - LATE_HOURS * 3_600_000;
      const until = now.getTime() + deps.horizonHours * 3_600_000;
      let planned = 0;
      const users = await usersRepo.listActive(deps.db);
      const months = new Set<string>();
      const due: { userId: string; tenantId: string; month: string; at: Date }[] = [];
      for (const user of users) {
        const schedule = scheduleFor(user, deps.companyHolidays);
        const today = localDateOf(now, schedule.timeZone);
        for (const month of new Set([monthOf(today), monthOf(addDays(today, Math.ceil(deps.horizonHours / 24) + 1))])) {
          const day = firstWorkdayOfMonth(month, schedule);
          if (!day) continue;
          const at = zonedTimeToUtc(day, deps.time, schedule.timeZone);
          if (at.getTime() < from || at.getTime() >= until) continue;
          months.add(month);
          due.push({ userId: user.id, tenantId: user.tenantId, month, at });
        }
      }
      if (!due.length) return { planned };
      const known = await homeNetworkRepo.plannedKeys(deps.db, [...months]);
      for (const d of due) {
        if (known.has(`${d.userId}:${d.month}`)) continue;
        const created = await deps.db.transaction(async (tx) => {
          if (!(await homeNetworkRepo.plan(tx, d))) return false;
          const startAfterSeconds = Math.max(0, (d.at.getTime() - now.getTime()) / 1000);
          await deps.queue.send(JOBS.homeNetworkDue, { userId: d.userId, month: d.month }, { tx, startAfterSeconds });
          return true;
        });
        if (created) planned++;
      }
      if (planned) deps.logger.info({ planned }, 'home-network self-checks planned');
      return { planned };
    },
  };
}
