import type { Locale } from '../../domain/shared/locale';
import { PURPOSES } from '../../delivery/outbox';
import { cardMessage } from '../../cards/render';
import { roundCancelledAudit } from './audit-events';
import { locationFreshSince, type RoundContext } from './context';
import { roundText } from './texts';
import { roundsRepo, type Round } from './repository';
import { sendChecks } from './send-checks';
import { roundBatch } from './tally';

/** JMA 取消: cancel the event's round if nobody answered yet, else tell the admins. */
export async function cancelByEvent(ctx: RoundContext, tenantId: string, eventId: string): Promise<'cancelled' | 'notified' | 'none'> {
  const res = await ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.byEvent(tx, tenantId, eventId);
    if (!round || round.status !== 'open') return 'none' as const;
    const cancel = (await roundsRepo.answeredCount(tx, round.id)) === 0;
    if (cancel) {
      await roundsRepo.cancel(tx, round.id, ctx.clock.now());
      await ctx.outbox.cancelPending(tx, roundBatch(round.id));
    }
    for (const a of await ctx.admins(tx, tenantId)) {
      const title = roundText(a.locale, cancel ? 'roundCancelledTitle' : 'jmaCancelledTitle');
      const text = roundText(a.locale, cancel ? 'roundCancelledText' : 'jmaCancelledText');
      await ctx.outbox.enqueueFor(tx, {
        purpose: PURPOSES.roundNotice,
        to: a,
        subject: `${round.id}:jma-cancel`,
        batchId: `${roundBatch(round.id)}:admins`,
        activity: cardMessage(ctx.views.notice(a.locale, title, text)),
      });
    }
    if (cancel) await ctx.audit.append(tx, roundCancelledAudit(round));
    return cancel ? ('cancelled' as const) : ('notified' as const);
  });
  if (res !== 'none') ctx.outbox.notify();
  return res;
}

/**
 * A later JMA report of the same event: a stronger maximum intensity is kept (later reports are
 * judged against it), and more prefectures get their people added and sent the card.
 */
export async function extendPrefectures(ctx: RoundContext, roundId: string, added: readonly string[], maxIntensity?: string): Promise<number> {
  if (!added.length && !maxIntensity) return 0;
  const n = await ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, roundId);
    if (!round) return 0;
    if (maxIntensity && maxIntensity !== round.maxIntensity) await roundsRepo.setMaxIntensity(tx, roundId, maxIntensity);
    if (!added.length || round.status !== 'open') return 0;
    const prefectures = [...new Set([...round.scope.prefectures, ...added])].sort();
    await roundsRepo.setPrefectures(tx, roundId, prefectures, maxIntensity);
    await roundsRepo.addRecipients(tx, round, { scope: 'prefectures', departments: [], prefectures: added, people: [] }, locationFreshSince(ctx));
    return sendChecks(ctx, tx, (await roundsRepo.get(tx, roundId)) as Round, PURPOSES.safetyCheck, 'all');
  });
  if (n) ctx.outbox.notify();
  return n;
}

/** A notice to every admin of the tenant (JMA aftershock suppressed, corrections, …), sent once per key. */
export async function notifyAdmins(ctx: RoundContext, tenantId: string, subject: string, text: Record<Locale, { title: string; text: string }>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    for (const a of await ctx.admins(tx, tenantId)) {
      const t = text[a.locale];
      await ctx.outbox.enqueueFor(tx, {
        purpose: PURPOSES.roundNotice,
        to: a,
        subject: subject,
        batchId: `notices:${tenantId}`,
        activity: cardMessage(ctx.views.notice(a.locale, t.title, t.text)),
      });
    }
  });
  ctx.outbox.notify();
}
