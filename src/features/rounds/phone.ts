import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { sameTenant } from '../../domain/people/roles';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { roundPhoneAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundsRepo, type PhoneResult } from './repository';

/** A manager's (or an admin's) record of reaching a report by phone; answers with the manager's updated list. */
export async function phone(ctx: RoundContext, actor: User, params: { roundId: string; userId: string; result: PhoneResult }): Promise<AdaptiveCardJson> {
  return ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, params.roundId);
    // Another tenant's round or person reads as "not found": nothing of it is read or revealed.
    const rec = round && sameTenant(actor, round) ? await roundsRepo.recipient(tx, params.roundId, params.userId) : undefined;
    if (!round || !rec || !ctx.roles.mayRecordPhoneResult(actor, { tenantId: round.tenantId, managerId: rec.manager_id })) throw new RoundNotFoundError(params.roundId);
    await roundsRepo.recordPhoneResult(tx, { roundId: params.roundId, userId: params.userId, result: params.result, by: actor.id, at: ctx.clock.now() });
    await roundsRepo.markTallyDirty(tx, params.roundId);
    await ctx.audit.append(tx, roundPhoneAudit(round, actor, params.userId, params.result));
    const mine = (await roundsRepo.recipients(tx, params.roundId)).filter((r) => r.manager_id === rec.manager_id && (r.status === 'pending' || r.user_id === params.userId));
    return ctx.views.escalation(round, mine, actor);
  });
}
