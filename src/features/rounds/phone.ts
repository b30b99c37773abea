import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { sameTenant } from '../../domain/people/roles';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { roundPhoneAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundsRepo, type PhoneResult } from './repository';

/** A manager's (or an admin's) record of reaching a report by phone; answers with the manager's updated list. */
export async function phone(ctx: RoundContext, actor: User, p: { roundId: string; userId: string; result: PhoneResult }): Promise<AdaptiveCardJson> {
  return ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, p.roundId);
    // Another tenant's round or person reads as "not found": nothing of it is read or revealed.
    const rec = round && sameTenant(actor, round) ? await roundsRepo.recipient(tx, p.roundId, p.userId) : undefined;
    if (!round || !rec || !ctx.roles.mayRecordPhoneResult(actor, { tenantId: round.tenantId, managerId: rec.manager_id })) throw new RoundNotFoundError(p.roundId);
    await roundsRepo.recordPhoneResult(tx, { roundId: p.roundId, userId: p.userId, result: p.result, by: actor.id, at: ctx.clock.now() });
    await roundsRepo.markTallyDirty(tx, p.roundId);
    await ctx.audit.append(tx, roundPhoneAudit(round, actor, p.userId, p.result));
    const mine = (await roundsRepo.recipients(tx, p.roundId)).filter((r) => r.manager_id === rec.manager_id && (r.status === 'pending' || r.user_id === p.userId));
    return ctx.views.escalation(round, mine, actor);
  });
}
