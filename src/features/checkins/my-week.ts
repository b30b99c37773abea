import type { AdaptiveCardJson } from '../../cards/render';
import { addDays, startOfWeek } from '../../domain/calendar';
import { summarizeWeek } from '../../domain/checkins/week';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { checkinsRepo } from './repository';
import { myWeekView } from './views';

/** The user's Monday–Sunday week around `day`, as the `my week` card. */
export async function myWeekCard(ex: Executor, user: User, day: string): Promise<AdaptiveCardJson> {
  const monday = startOfWeek(day);
  const records = await checkinsRepo.listRange(ex, user.id, monday, addDays(monday, 6));
  return myWeekView(user, summarizeWeek(records, monday));
}
