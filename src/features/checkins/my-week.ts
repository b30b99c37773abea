import type { AdaptiveCardJson } from '../../cards/render';
import { addDays, startOfWeek } from '../../domain/calendar';
import { summarizeWeek } from '../../domain/checkins/week';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { checkinsRepo } from './repository';
import { myWeekView } from './views';

/** Reminders sent and answered per work day (the reminders feature's, handed in by the composition root). */
export type ReminderCounts = (userId: string, from: string, toInclusive: string) => Promise<readonly { workDate: string; sent: number; answered: number }[]>;

/** The user's Monday–Sunday week around `day`, as the `my week` card. */
export async function myWeekCard(ex: Executor, user: User, day: string, reminderCounts?: ReminderCounts): Promise<AdaptiveCardJson> {
  const monday = startOfWeek(day);
  const sunday = addDays(monday, 6);
  const records = await checkinsRepo.listRange(ex, user.id, monday, sunday);
  const reminders = new Map((await reminderCounts?.(user.id, monday, sunday))?.map((c) => [c.workDate, c]));
  return myWeekView(user, summarizeWeek(records, monday), reminders);
}
