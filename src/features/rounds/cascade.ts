import { deliveryKey, PURPOSES, resendPurpose } from '../../delivery/outbox';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { cardMessage } from '../../cards/render';
import type { RoundContext } from './context';
import { roundText } from './texts';
import { roundsRepo, type RecipientRow, type Round } from './repository';
import { sendChecks } from './send-checks';
import { computeTally, roundBatch, withDelivery } from './tally';
import { roundStepsRepo, tallyRepo } from './tally-repository';

const STEPS_PER_SWEEP = 100;

/** Runs due cascade steps and refreshes dirty tallies; safe to call from every replica, any time. */
export async function tick(ctx: RoundContext): Promise<void> {
  const now = ctx.clock.now();
  const steps = await runDueSteps(ctx, now);
  const tallies = await refreshTallies(ctx, now);
  if (steps + tallies > 0) ctx.outbox.notify();
}

/**
 * Runs every cascade step whose time has come (by the application clock). A step is claimed by
 * setting done_at in the same transaction that creates its cards, so each step happens once across
 * replicas, retries and restarts; steps of closed or cancelled rounds are marked done and skipped.
 */
async function runDueSteps(ctx: RoundContext, now: Date): Promise<number> {
  let work = 0;
  for (const { roundId, step } of await roundStepsRepo.due(ctx.db, now, STEPS_PER_SWEEP)) {
    work += await ctx.db.transaction(async (tx) => {
      if (!(await roundStepsRepo.claim(tx, roundId, step, now))) return 0;
      const round = await roundsRepo.get(tx, roundId);
      if (!round || round.status !== 'open') return 0;
      if (step === 'fanout') return sendChecks(ctx, tx, round, PURPOSES.safetyCheck, 'all');
      if (step.startsWith('resend')) {
        const n = Number(step.slice('resend'.length));
        return sendChecks(ctx, tx, round, resendPurpose(n), 'pending', undefined, n);
      }
      const pending = await roundsRepo.recipients(tx, roundId, 'pending');
      if (!pending.length) return 0;
      if (step === 'manager') return escalateToManagers(ctx, tx, round, pending);
      if (step === 'admins') return escalateToAdmins(ctx, tx, round, pending);
      return 0;
    });
  }
  return work;
}

/** One card per manager, listing only that manager's own reports who have not answered. */
async function escalateToManagers(ctx: RoundContext, tx: Executor, round: Round, pending: RecipientRow[]): Promise<number> {
  const byManager = new Map<string, RecipientRow[]>();
  for (const r of pending) if (r.manager_id) byManager.set(r.manager_id, [...(byManager.get(r.manager_id) ?? []), r]);
  let n = 0;
  for (const [managerId, members] of byManager) {
    const manager = await usersRepo.getInTenant(tx, round.tenantId, managerId);
    if (!manager?.active) continue;
    const ok = await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.safetyEscalation,
      to: manager,
      subject: round.id,
      batchId: `${roundBatch(round.id)}:managers`,
      activity: cardMessage(ctx.views.escalation(round, members, manager), roundText(manager.locale, 'notifyMembersPending')),
    });
    if (ok) n++;
  }
  return n;
}

async function escalateToAdmins(ctx: RoundContext, tx: Executor, round: Round, pending: RecipientRow[]): Promise<number> {
  const tally = await computeTally(tx, round.id);
  const reported = await withDelivery(tx, round.id, pending);
  let n = 0;
  for (const a of await ctx.admins(tx, round.tenantId)) {
    const ok = await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.roundReport,
      to: a,
      subject: `${round.id}:escalation`,
      batchId: `${roundBatch(round.id)}:admins`,
      activity: cardMessage(ctx.views.report(round, tally, reported, a, false)),
    });
    if (ok) n++;
  }
  return n;
}

/** An admin's unanswered "close this round?" stays on their live tally card for this long. */
const CLOSE_QUESTION_MS = 10 * 60_000;
const closeStillAsked = (round: Round, askedAt: Date | null, now: Date): boolean => round.status === 'open' && askedAt !== null && now.getTime() - askedAt.getTime() < CLOSE_QUESTION_MS;

/** Refreshes the dirty tallies now (after an answer, without waiting for the ticker); see refreshTallies. */
export async function refreshTalliesNow(ctx: RoundContext): Promise<void> {
  if ((await refreshTallies(ctx, ctx.clock.now())) > 0) ctx.outbox.notify();
}

/**
 * Updates admins' live tally cards in place, at most once per interval per round: answers only
 * mark the round dirty, and this sweep turns a burst of answers into one update per admin. One
 * update in flight per card: a card whose previous update has not gone out yet (the tenant's limit,
 * a retry) gets none now, and the round stays dirty, so the card gets the latest tally once it is
 * free while the other admins' cards keep up (never starved by one slow card).
 */
async function refreshTallies(ctx: RoundContext, now: Date): Promise<number> {
  let n = 0;
  for (const id of await tallyRepo.dirtyRounds(ctx.db, new Date(now.getTime() - ctx.cascade.tallyIntervalSeconds * 1000))) {
    const exportUrl = await ctx.exportUrl?.(id);
    n += await ctx.db.transaction(async (tx) => {
      const version = await tallyRepo.nextVersion(tx, id, now);
      if (version === undefined) return 0;
      const round = (await roundsRepo.get(tx, id)) as Round;
      const tally = await computeTally(tx, id);
      let sent = 0;
      const inFlight = await tallyRepo.cardsInFlight(tx, `${roundBatch(id)}:admins`);
      if (inFlight.size) await roundsRepo.markTallyDirty(tx, id);
      for (const c of await tallyRepo.cards(tx, id)) {
        if (inFlight.has(c.adminId)) continue;
        const admin = await usersRepo.getInTenant(tx, round.tenantId, c.adminId);
        if (!admin) continue;
        const base = {
          key: deliveryKey(PURPOSES.roundTally, c.adminId, `${id}:v${version}`),
          tenantId: round.tenantId,
          batchId: `${roundBatch(id)}:admins`,
          purpose: PURPOSES.roundTally,
          recipientId: c.adminId,
          activity: cardMessage(ctx.views.tally(round, tally, admin, exportUrl, closeStillAsked(round, c.closeAskedAt, now))),
        };
        const target = c.deliveryKey ? { updateOf: c.deliveryKey } : c.activityId ? { targetActivityId: c.activityId } : undefined;
        if (target && (await ctx.outbox.enqueueUpdate(tx, { ...base, ...target }))) sent++;
      }
      return sent;
    });
  }
  return n;
}
