import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { RoundNotFoundError } from '../../domain/safety/errors';
import type { RoundContext } from './context';
import { roundsRepo, type PhoneResult } from './repository';

/** A manager's (or an admin's) record of reaching a report by phone; answers with the manager's updated list. */
export async function phone(ctx: RoundContext, actor: User, p: { roundId: string; userId: string; result: PhoneResult }): Promise<AdaptiveCardJson> {
  return ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, p.roundId);
    const rec = round && (await roundsRepo.recipient(tx, p.roundId, p.userId));
    if (!round || !rec || (rec.manager_id !== actor.id && !ctx.isAdmin(actor))) throw new RoundNotFoundError(p.roundId);
    await roundsRepo.recordPhoneResult(tx, { roundId: p.roundId, userId: p.userId, result: p.result, by: actor.id, at: ctx.clock.now() });
    await roundsRepo.markTallyDirty(tx, p.roundId);
    const mine = (await roundsRepo.recipients(tx, p.roundId)).filter((r) => r.manager_id === rec.manager_id && (r.status === 'pending' || r.user_id === p.userId));
    return ctx.views.escalation(round, mine, actor);
  });
}
