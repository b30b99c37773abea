import type { User } from '../../domain/people/user';
import { URGENT_STATUSES } from '../../domain/safety/model';
import { PURPOSES } from '../../delivery/outbox';
import { cardMessage } from '../../cards/render';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { RoundContext } from './context';
import { roundText } from './texts';
import type { RecipientRow, Round } from './repository';
import { roundBatch } from './tally';

/**
 * What the alert is about: an answer the person gave (card or e-mail page), or a status a manager
 * or admin recorded for them after reaching them (phone, in person).
 */
export type AlertCause = { readonly answerId: string } | { readonly recordedBy: User; readonly previousAt: Date | null };

/**
 * A serious injury or a call for help goes to the person's manager and every admin at once, in the
 * transaction that recorded the answer — whichever way it came (card, e-mail page, or recorded for
 * them). Each own answer alerts; a recorded status alerts unless it repeats the recorded status
 * before it (the caller skips those), once however often it is sent at the same moment (the key holds
 * the time of the record it replaces: a double click is one alert, serious → safe → serious is two),
 * and not to the one who recorded it: they just spoke to the person. The caller wakes the outbox (`outbox.notify()`) after the commit.
 */
export async function alertIfUrgent(ctx: RoundContext, tx: Executor, round: Round, rec: RecipientRow, cause: AlertCause): Promise<void> {
  if (!rec.own_status || !URGENT_STATUSES.includes(rec.own_status)) return;
  const targets = new Map<string, User>();
  if (rec.manager_id) {
    const m = await usersRepo.getInTenant(tx, round.tenantId, rec.manager_id);
    if (m) targets.set(m.id, m);
  }
  for (const ad of await ctx.admins(tx, round.tenantId)) targets.set(ad.id, ad);
  if ('recordedBy' in cause) targets.delete(cause.recordedBy.id);
  // The delivery key makes the "once": the same key is enqueued at most once.
  const about = 'answerId' in cause ? cause.answerId : `proxy:${rec.own_status}:${cause.previousAt?.getTime() ?? 0}`;
  for (const t of targets.values()) {
    await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.safetyAlert,
      to: t,
      subject: `${round.id}:${rec.user_id}:${about}`,
      batchId: `${roundBatch(round.id)}:alerts`,
      activity: cardMessage(ctx.views.alert(round, rec, t, t.id === rec.manager_id), roundText(t.locale, 'notifyUrgent')),
    });
  }
}
