import { checkoutReminderAt, plannedSends } from '../../domain/checkins/schedule';
import type { Clock } from '../../domain/shared/clock';
import type { JobQueue } from '../../jobs/queue';
import { JOBS } from '../../jobs/names';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { usersRepo } from '../../store/users';
import { plannedSendsRepo } from './repository';
import { scheduleFor } from './schedule';

export interface PlannerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  readonly horizonHours: number;
}

type DueKind = 'start' | 'end' | 'checkout_reminder';

/**
 * Plans every check-in card due in the next `horizonHours` as a durable timed job. Each job is
 * created in the same transaction as its ledger row (job_plan), so planning again — on a timer, on
 * another replica, after a restart or a clock jump — never creates a second job for the same card.
 */
export function createPlanner(deps: PlannerDeps) {
  return {
    async planOnce(): Promise<{ planned: number }> {
      const now = deps.clock.now();
      const until = new Date(now.getTime() + deps.horizonHours * 3_600_000);
      const known = await plannedSendsRepo.keysFrom(deps.db, now);
      let planned = 0;
      for (const user of await usersRepo.listActive(deps.db)) {
        const schedule = scheduleFor(user, deps.companyHolidays);
        const sends: { kind: DueKind; localDate: string; at: Date }[] = [];
        for (const s of plannedSends(schedule, now, until)) {
          sends.push(s);
          if (s.kind === 'end') sends.push({ kind: 'checkout_reminder', localDate: s.localDate, at: checkoutReminderAt(s.localDate, schedule) });
        }
        for (const s of sends) {
          const key = `checkin:${s.kind}:${user.id}:${s.localDate}`;
          if (known.has(key)) continue;
          const created = await deps.db.transaction(async (tx) => {
            if (!(await plannedSendsRepo.record(tx, { key, jobName: JOBS.checkinDue, runAt: s.at }))) return false;
            await deps.queue.send(
              JOBS.checkinDue,
              { userId: user.id, localDate: s.localDate, kind: s.kind },
              { tx, startAfterSeconds: (s.at.getTime() - now.getTime()) / 1000 },
            );
            return true;
          });
          if (created) planned++;
        }
      }
      if (planned) deps.logger.info({ planned }, 'check-in cards planned');
      return { planned };
    },
  };
}
