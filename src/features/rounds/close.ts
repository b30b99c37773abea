import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import { activityOf } from './activity';
import { tallyCard } from './admin-cards';
import type { RoundContext } from './context';
import { roundsRepo, type Round } from './repository';
import { computeTally, roundBatch } from './tally';

/** Closes a round: its reminders stop, admins get the final report. */
export async function close(ctx: RoundContext, admin: User, roundId: string): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  await ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, roundId);
    if (!round || round.tenantId !== admin.tenantId) throw new RoundNotFoundError(roundId);
    if (!(await roundsRepo.close(tx, roundId, ctx.clock.now(), admin.id))) return;
    const after = (await roundsRepo.get(tx, roundId)) as Round;
    const tally = await computeTally(tx, roundId);
    const pending = await roundsRepo.recipients(tx, roundId, 'pending');
    for (const a of await ctx.admins(tx, round.tenantId)) {
      await ctx.outbox.enqueue(tx, {
        key: deliveryKey(PURPOSES.roundReport, a.id, `${roundId}:final`),
        tenantId: round.tenantId,
        batchId: `${roundBatch(roundId)}:admins`,
        purpose: PURPOSES.roundReport,
        recipientId: a.id,
        activity: activityOf(ctx.views.report(after, tally, pending, a, true)),
      });
    }
    await roundsRepo.markTallyDirty(tx, roundId);
  });
  ctx.outbox.notify();
  const round = (await roundsRepo.get(ctx.db, roundId)) as Round;
  return tallyCard(ctx, round, admin);
}
