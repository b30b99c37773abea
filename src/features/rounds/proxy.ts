import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { sameTenant } from '../../domain/people/roles';
import { RoundNotFoundError } from '../../domain/safety/errors';
import { OWN_STATUSES, PROXY_CHANNELS, URGENT_STATUSES, type OwnStatus } from '../../domain/safety/model';
import type { Executor } from '../../store/db';
import { alertIfUrgent } from './alerts';
import { roundProxyAudit } from './audit-events';
import type { RoundContext } from './context';
import { roundsRepo } from './repository';
import { computeTally, withDelivery } from './tally';

export const proxyAnswerSchema = z.object({
  roundId: z.string().uuid(),
  userId: z.string().min(1),
  ownStatus: z.enum(OWN_STATUSES),
  how: z.enum(PROXY_CHANNELS),
  /** The card the form was on: the manager's list (default) or the admins' escalation report. */
  card: z.enum(['escalation', 'report']).optional(),
});
export type ProxyAnswer = z.output<typeof proxyAnswerSchema>;

/** Stores an answer given by someone else for the person, as their latest answer (the tally counts its status). */
async function storeProxyAnswer(tx: Executor, params: { roundId: string; userId: string; ownStatus: OwnStatus; how: string; by: string; at: Date }): Promise<void> {
  await tx.query(
    `insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, 'proxy', $3, $4, $5)`,
    [params.roundId, params.userId, params.by, JSON.stringify({ ownStatus: params.ownStatus, how: params.how }), params.at],
  );
  await tx.query(
    `update round_recipients set status = 'answered', own_status = $3, answered_at = $4, answered_via = 'proxy', reached_by = $5
     where round_id = $1 and user_id = $2`,
    [params.roundId, params.userId, params.ownStatus, params.at, params.by],
  );
}

/**
 * A manager (for their own reports) or an admin records the answer of a person they reached by
 * other means — phone, in person. Extends "reached by phone": the tally counts the person's status.
 * An answer the person gave themselves is never overwritten.
 */
export async function proxyAnswer(ctx: RoundContext, actor: User, answer: ProxyAnswer): Promise<AdaptiveCardJson> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, answer.roundId);
    // Another tenant's round or person reads as "not found": nothing of it is read or revealed.
    const rec = round && sameTenant(actor, round) ? await roundsRepo.recipient(tx, answer.roundId, answer.userId) : undefined;
    if (!round || !rec || round.status !== 'open' || !ctx.roles.mayRecordPhoneResult(actor, { tenantId: round.tenantId, managerId: rec.manager_id })) throw new RoundNotFoundError(answer.roundId);
    const outcome = rec.status === 'answered' && rec.answered_via !== 'proxy' ? ('already_answered' as const) : ('recorded' as const);
    if (outcome === 'recorded') {
      await storeProxyAnswer(tx, { ...answer, by: actor.id, at: ctx.clock.now() });
      await roundsRepo.markTallyDirty(tx, answer.roundId);
      // Needs help or seriously hurt: told as the person's own answer would be, saying who recorded it and
      // how — unless it only repeats the status recorded before (a second call saying the same).
      const repeat = rec.answered_via === 'proxy' && rec.own_status === answer.ownStatus;
      if (URGENT_STATUSES.includes(answer.ownStatus) && !repeat) {
        const recorded = await roundsRepo.recipient(tx, answer.roundId, answer.userId);
        if (recorded) await alertIfUrgent(ctx, tx, round, recorded, { recordedBy: actor, previousAt: rec.answered_at });
      }
      await ctx.audit.append(tx, roundProxyAudit(round, actor, answer));
    }
    if (answer.card === 'report' && ctx.isAdmin(actor)) {
      // The admins' report again: who is still unanswered, and on top what was just recorded.
      const pending = await withDelivery(tx, round.id, await roundsRepo.recipients(tx, round.id, 'pending'));
      return { outcome, card: ctx.views.report(round, await computeTally(tx, round.id), pending, actor, false, await roundsRepo.recipient(tx, answer.roundId, answer.userId)) };
    }
    // The actor's list again (as after a phone result): who of the same manager's reports is still open.
    const mine = (await roundsRepo.recipients(tx, answer.roundId)).filter((r) => r.manager_id === rec.manager_id && (r.status === 'pending' || r.user_id === answer.userId));
    return { outcome, card: ctx.views.escalation(round, mine, actor) };
  });
  ctx.outbox.notify();
  ctx.logger.info({ roundId: answer.roundId, how: answer.how, urgent: URGENT_STATUSES.includes(answer.ownStatus), outcome: outcome.outcome }, 'proxy answer');
  return outcome.card;
}
