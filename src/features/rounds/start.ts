import { randomUUID } from 'node:crypto';
import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { EmptyScopeError } from '../../domain/safety/errors';
import type { RoundForm } from '../../domain/safety/model';
import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import { cardMessage } from '../../cards/render';
import { roundStartedAudit } from './audit-events';
import { scopeOf, tallyCard } from './admin-cards';
import { locationFreshSince, type RoundContext } from './context';
import { roundsRepo, type Round } from './repository';
import { tick } from './cascade';
import { sendChecks } from './send-checks';
import { computeTally, roundBatch } from './tally';
import { roundStepsRepo, tallyRepo, type RoundStep } from './tally-repository';
import type { CascadeSettings } from './types';

/** Where the card that started the round is (an invoke): it becomes that admin's live tally. */
interface InvokedCard {
  readonly conversationId: string;
  readonly activityId: string;
}

export interface StartRound {
  readonly tenantId: string;
  readonly by?: User;
  readonly form: RoundForm;
  readonly source: 'admin' | 'jma';
  readonly eventId?: string;
  readonly maxIntensity?: string;
  readonly invoke?: InvokedCard;
}

/**
 * The start commits the first cards only: on PGlite, queueing 10,000 cards in the start's transaction
 * took longer than the second the first card may take. The rest is the `fanout` step, due at once:
 * run right after the commit (below) and, should the process stop first, by the round ticker.
 */
const FIRST_CARDS = 500;
const FANOUT_DELAY_MS = 1000;

/** The rest of the first cards, then re-sends, then the managers, then the admins, each at its delay after the start. */
function cascadeSteps(settings: CascadeSettings, start: Date, fanout: boolean): RoundStep[] {
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  return [
    ...(fanout ? [{ step: 'fanout', dueAt: start }] : []),
    ...settings.resendMinutes.map((m, i) => ({ step: `resend${i + 1}`, dueAt: at(m) })),
    { step: 'manager', dueAt: at(settings.managerMinutes) },
    { step: 'admins', dueAt: at(settings.adminMinutes) },
  ];
}

/** Starts a round: recipients, cascade steps, first cards and admins' tally cards, in one transaction. */
export async function startRound(ctx: RoundContext, request: StartRound): Promise<{ round: Round; created: boolean }> {
  if (request.by) ctx.requireAdmin(request.by);
  const result = await ctx.db.transaction(async (tx) => {
    if (request.eventId) {
      const existing = await roundsRepo.byEvent(tx, request.tenantId, request.eventId);
      if (existing) return { round: existing, created: false };
    }
    const id = randomUUID();
    const now = ctx.clock.now();
    const scope = scopeOf(request.form);
    await roundsRepo.insert(tx, {
      id,
      tenantId: request.tenantId,
      kind: request.form.kind,
      isDrill: request.form.drill,
      message: request.form.message,
      scope,
      source: request.source,
      eventId: request.eventId,
      maxIntensity: request.maxIntensity,
      startedBy: request.by?.id,
      startedAt: now,
    });
    const recipients = await roundsRepo.addRecipients(tx, { id, tenantId: request.tenantId }, scope, locationFreshSince(ctx));
    if (!recipients) throw new EmptyScopeError();
    await roundStepsRepo.add(tx, id, cascadeSteps(ctx.cascade, now, recipients > FIRST_CARDS));
    const round = (await roundsRepo.get(tx, id)) as Round;
    await sendChecks(ctx, tx, round, PURPOSES.safetyCheck, 'all', FIRST_CARDS);
    for (const admin of await ctx.admins(tx, request.tenantId)) {
      if (request.invoke && admin.id === request.by?.id) {
        await tallyRepo.addCard(tx, id, admin.id, request.invoke);
        continue;
      }
      const key = deliveryKey(PURPOSES.roundTally, admin.id, id);
      const card = ctx.views.tally(round, await computeTally(tx, id), admin);
      await ctx.outbox.enqueue(tx, { key, tenantId: request.tenantId, batchId: `${roundBatch(id)}:admins`, purpose: PURPOSES.roundTally, recipientId: admin.id, activity: cardMessage(card) });
      await tallyRepo.addCard(tx, id, admin.id, { deliveryKey: key });
    }
    await ctx.audit.append(tx, roundStartedAudit(round, recipients));
    return { round, created: true, rest: recipients > FIRST_CARDS };
  });
  if (result.created) {
    ctx.outbox.notify();
    ctx.logger.info({ roundId: result.round.id, source: request.source, kind: request.form.kind, drill: request.form.drill }, 'safety round started');
    // The rest of the cards once the first ones are on their way: on PGlite every statement waits its
    // turn, and queueing 10,000 cards must not hold up the first sends (the first 500 last 10–20 s).
    if ('rest' in result && result.rest) setTimeout(() => tick(ctx).catch((err: unknown) => ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'round fan-out deferred to the ticker')), FANOUT_DELAY_MS).unref();
  }
  return result;
}

/**
 * The admin pressed "start" on the confirm card. The card's activity id keys the round, so a
 * double click (or a retried invoke) cannot start two rounds.
 */
export async function startFromAdmin(ctx: RoundContext, admin: User, form: RoundForm, invoke?: InvokedCard): Promise<AdaptiveCardJson> {
  const eventId = invoke ? `card:${invoke.conversationId}:${invoke.activityId}` : undefined;
  const { round } = await startRound(ctx, { tenantId: admin.tenantId, by: admin, form, source: 'admin', invoke, eventId });
  return tallyCard(ctx, round, admin);
}
