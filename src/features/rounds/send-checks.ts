import { LOCALES } from '../../domain/shared/locale';
import type { Purpose } from '../../delivery/outbox';
import type { Executor } from '../../store/db';
import { cardMessage } from '../../cards/render';
import type { RoundContext } from './context';
import { roundText } from './texts';
import { roundsRepo, type Round } from './repository';
import { roundBatch } from './tally';

/**
 * The safety card to every recipient (or, for re-sends, every non-responder), or to the first `limit`
 * of them. The card is the same for everyone who reads the same language, so the outbox stores it
 * once per language. Idempotent: a card already queued for a person is not queued again.
 * `reminder`: the re-send's number, shown on the card.
 */
export async function sendChecks(
  ctx: RoundContext, tx: Executor, round: Round, purpose: Purpose, which: 'all' | 'pending', limit?: number, reminder?: number,
): Promise<number> {
  const recipients = await roundsRepo.cardRecipients(tx, round.id, which, limit);
  let sent = 0;
  for (const locale of LOCALES) {
    sent += await ctx.outbox.enqueueMany(tx, {
      purpose,
      tenantId: round.tenantId,
      batchId: roundBatch(round.id),
      subject: round.id,
      activity: cardMessage(ctx.views.check(round, { locale }, undefined, reminder), roundText(locale, reminder ? 'notifyCheckReminder' : 'notifyCheck')),
      recipientIds: recipients.filter((r) => r.locale === locale).map((r) => r.userId),
    });
  }
  return sent;
}
