import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { URGENT_STATUSES, type SafetyAnswer } from '../../domain/safety/model';
import { alertIfUrgent } from './alerts';
import { roundAnsweredAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundsRepo } from './repository';
import { answerRepo } from './answer-repository';

/** The safety card again, filled with the recipient's latest answer (to change it). */
export async function checkCard(ctx: RoundContext, user: User, roundId: string): Promise<AdaptiveCardJson> {
  const round = await roundsRepo.get(ctx.db, roundId);
  const rec = round && (await roundsRepo.recipient(ctx.db, roundId, user.id));
  if (!round || !rec) throw new RoundNotFoundError(roundId);
  return ctx.views.check(round, user, rec.answer);
}

/**
 * A recipient's answer: every answer is kept, the latest counts; urgent ones go out at once. The
 * common case (not urgent) is one statement with its audit row; an urgent answer is a transaction that
 * also enqueues the alerts, the audit row last (it holds the log's lock until the commit).
 */
export async function answer(ctx: RoundContext, user: User, given: SafetyAnswer): Promise<AdaptiveCardJson> {
  const { views, outbox } = ctx;
  const at = ctx.clock.now();
  const params = { roundId: given.roundId, userId: user.id, tenantId: user.tenantId, answer: given, at };
  if (!URGENT_STATUSES.includes(given.ownStatus)) {
    const { round, recipient: rec, answerId } = await answerRepo.answer(ctx.db, { ...params, audit: ctx.audit.joined(roundAnsweredAudit(user, given), 'answerId') });
    if (!round || !rec || !answerId) throw new RoundNotFoundError(given.roundId);
    return views.summary(round, rec, user);
  }
  const out = await ctx.db.transaction(async (tx) => {
    const { round, recipient: rec, answerId } = await answerRepo.answer(tx, params);
    if (!round || !rec || !answerId) throw new RoundNotFoundError(given.roundId);
    await alertIfUrgent(ctx, tx, round, rec, { answerId });
    await ctx.audit.append(tx, roundAnsweredAudit(user, given, answerId));
    return views.summary(round, rec, user);
  });
  outbox.notify();
  return out;
}
