import type { AdaptiveCardJson } from '../../cards/render';
import { scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import { gapReasonAudit } from './audit-events';
import type { GapContext } from './context';
import { activityRepo, checksRepo, type GapReason } from './repository';
import { gapCardView, unavailableView } from './views';

/**
 * The person's reason for a gap. Stored (the note too, for the manager digest), audited without the
 * note; a second answer replaces the first. Returns the read-only confirmation card.
 */
export async function answerGap(ctx: GapContext, user: User, workDate: string, reason: GapReason, note: string | undefined): Promise<AdaptiveCardJson> {
  return ctx.db.transaction(async (tx) => {
    const at = ctx.clock.now();
    const c = await checksRepo.answer(tx, { userId: user.id, workDate, reason, note, at });
    if (!c) return unavailableView(user);
    await ctx.audit.append(tx, gapReasonAudit(user, workDate, reason, note !== undefined));
    const activity = await activityRepo.ofDay(tx, user.id, workDate);
    return gapCardView(user, scheduleFor(user, ctx.companyHolidays).timeZone, c, activity);
  });
}
