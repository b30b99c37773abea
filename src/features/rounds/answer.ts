import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { URGENT_STATUSES, type SafetyAnswer } from '../../domain/safety/model';
import { PURPOSES } from '../../delivery/outbox';
import { usersRepo } from '../../store/users';
import { cardMessage } from '../../cards/render';
import { roundAnsweredAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundText } from './texts';
import { roundsRepo } from './repository';
import { answerRepo } from './answer-repository';
import { roundBatch } from './tally';

/** The safety card again, filled with the recipient's latest answer (to change it). */
export async function checkCard(ctx: RoundContext, user: User, roundId: string): Promise<AdaptiveCardJson> {
  const round = await roundsRepo.get(ctx.db, roundId);
  const rec = round && (await roundsRepo.recipient(ctx.db, roundId, user.id));
  if (!round || !rec) throw new RoundNotFoundError(roundId);
  return ctx.views.check(round, user, rec.answer);
}

/** A recipient's answer: every answer is kept, the latest counts; urgent ones go out at once. */
export async function answer(ctx: RoundContext, user: User, a: SafetyAnswer): Promise<AdaptiveCardJson> {
  const { views, outbox } = ctx;
  const out = await ctx.db.transaction(async (tx) => {
    // Two statements before the audit row: the round with the person's place in it, then the answer.
    const { round, recipient: before } = await answerRepo.roundAndRecipient(tx, a.roundId, user.id);
    if (!round || !before || round.status === 'cancelled') throw new RoundNotFoundError(a.roundId);
    const { answerId, recipient: rec } = await answerRepo.record(tx, { before, roundId: a.roundId, userId: user.id, answer: a, at: ctx.clock.now() });
    if (URGENT_STATUSES.includes(a.ownStatus)) {
      const targets = new Map<string, User>();
      if (rec.manager_id) {
        const m = await usersRepo.getInTenant(tx, round.tenantId, rec.manager_id);
        if (m) targets.set(m.id, m);
      }
      for (const ad of await ctx.admins(tx, round.tenantId)) targets.set(ad.id, ad);
      for (const t of targets.values()) {
        await outbox.enqueueFor(tx, {
          purpose: PURPOSES.safetyAlert,
          to: t,
          subject: `${round.id}:${user.id}:${answerId}`,
          batchId: `${roundBatch(round.id)}:alerts`,
          activity: cardMessage(views.alert(round, rec, t, t.id === rec.manager_id), roundText(t.locale, 'notifyUrgent')),
        });
      }
    }
    await ctx.audit.append(tx, roundAnsweredAudit(round, user, a, answerId));
    return views.summary(round, rec, user);
  });
  outbox.notify();
  return out;
}
