import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { PURPOSES } from '../../delivery/outbox';
import { cardMessage } from '../../cards/render';
import { tallyCard } from './admin-cards';
import { roundClosedAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundsRepo, type Round } from './repository';
import { sendDrillSummary } from './drill-summary';
import { computeTally, roundBatch, withDelivery } from './tally';

/** Closes a round: its reminders stop, admins get the final report. */
export async function close(ctx: RoundContext, admin: User, roundId: string): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  await ctx.db.transaction(async (tx) => {
    const round = ctx.requireRoundAdmin(admin, await roundsRepo.get(tx, roundId), roundId);
    if (!(await roundsRepo.close(tx, roundId, ctx.clock.now(), admin.id))) return;
    const after = (await roundsRepo.get(tx, roundId)) as Round;
    const tally = await computeTally(tx, roundId);
    const pending = await withDelivery(tx, roundId, await roundsRepo.recipients(tx, roundId, 'pending'));
    const admins = await ctx.admins(tx, round.tenantId);
    for (const a of admins) {
      await ctx.outbox.enqueueFor(tx, {
        purpose: PURPOSES.roundReport,
        to: a,
        subject: `${roundId}:final`,
        batchId: `${roundBatch(roundId)}:admins`,
        activity: cardMessage(ctx.views.report(after, tally, pending, a, true)),
      });
    }
    await sendDrillSummary(ctx, tx, after, admins);
    await roundsRepo.markTallyDirty(tx, roundId);
    await ctx.audit.append(tx, roundClosedAudit(round, admin, { total: tally.total, answered: tally.answered, pending: pending.length }));
  });
  ctx.outbox.notify();
  const round = (await roundsRepo.get(ctx.db, roundId)) as Round;
  return tallyCard(ctx, round, admin);
}
