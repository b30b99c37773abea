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
 * A serious injury or a call for help goes to the person's manager and every admin at once, in the
 * transaction that recorded the answer — whichever way it came (card or e-mail page). The caller
 * wakes the outbox (`outbox.notify()`) after the commit.
 */
export async function alertIfUrgent(ctx: RoundContext, tx: Executor, round: Round, rec: RecipientRow, answerId: string): Promise<void> {
  if (!rec.own_status || !URGENT_STATUSES.includes(rec.own_status)) return;
  const targets = new Map<string, User>();
  if (rec.manager_id) {
    const m = await usersRepo.getInTenant(tx, round.tenantId, rec.manager_id);
    if (m) targets.set(m.id, m);
  }
  for (const ad of await ctx.admins(tx, round.tenantId)) targets.set(ad.id, ad);
  for (const t of targets.values()) {
    await ctx.outbox.enqueueFor(tx, {
      purpose: PURPOSES.safetyAlert,
      to: t,
      subject: `${round.id}:${rec.user_id}:${answerId}`,
      batchId: `${roundBatch(round.id)}:alerts`,
      activity: cardMessage(ctx.views.alert(round, rec, t, t.id === rec.manager_id), roundText(t.locale, 'notifyUrgent')),
    });
  }
}
