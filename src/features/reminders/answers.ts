import { AUDIT_KINDS } from '../../audit/kinds';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Executor } from '../../store/db';
import type { User } from '../../domain/people/user';
import type { ScreenLockAnswer } from '../../domain/reminders/rules';
import type { ReminderContext } from './context';
import { reminderText } from './texts';
import { remindersRepo } from './repository';
import { closeOpen, reminderCard } from './send';
import { preferencesRepo } from './state-repository';
import { unavailableView } from './views';

/**
 * The person's answers to reminder cards. Each returns the card that replaces the one answered: the
 * read-only confirmation (a second click shows the first answer again).
 */
export function reminderAnswers(ctx: ReminderContext) {
  const { db } = ctx;
  return {
    async screenLock(user: User, id: string, answer: ScreenLockAnswer): Promise<AdaptiveCardJson> {
      return db.transaction(async (tx) => {
        const at = ctx.clock.now();
        const r = await remindersRepo.answer(tx, { id, userId: user.id, kind: 'screen_lock', answer, at });
        if (r?.status !== 'answered') return unavailableView(user);
        if (r.answeredAt?.getTime() === at.getTime()) await auditAnswer(ctx, tx, user, r.id, 'screen_lock', answer);
        return reminderCard(ctx, tx, user, r);
      });
    },

    /** "Disconnected": the whole chain of that day is acknowledged; what is still planned or queued is cancelled. */
    async vpn(user: User, id: string): Promise<AdaptiveCardJson> {
      return db.transaction(async (tx) => {
        const at = ctx.clock.now();
        const r = await remindersRepo.answer(tx, { id, userId: user.id, kind: 'vpn', answer: 'disconnected', at });
        if (r?.status !== 'answered') return unavailableView(user);
        const first = r.answeredAt?.getTime() === at.getTime();
        await closeOpen(ctx, tx, { userId: user.id, kind: 'vpn', workDate: r.workDate }, 'acknowledged');
        if (first) await auditAnswer(ctx, tx, user, r.id, 'vpn', 'disconnected');
        return reminderCard(ctx, tx, user, r);
      });
    },

    /** The per-person switch of the second and later scheduled nudges, pressed on a nudge card. */
    async laterNudges(user: User, id: string, on: boolean): Promise<AdaptiveCardJson> {
      return db.transaction(async (tx) => {
        const r = await remindersRepo.get(tx, id);
        if (!r || r.userId !== user.id || r.kind !== 'screen_lock') return unavailableView(user);
        await preferencesRepo.setLaterNudges(tx, user.id, on);
        const times = ctx.policy.screenLockTimes.slice(1).join(', ');
        return reminderCard(ctx, tx, user, r, reminderText(user.locale, on ? 'laterOnNote' : 'laterOffNote', { times }));
      });
    },
  };
}

export type ReminderAnswers = ReturnType<typeof reminderAnswers>;

function auditAnswer(ctx: ReminderContext, tx: Executor, user: User, reminderId: string, kind: string, answer: string): Promise<void> {
  return ctx.audit.append(tx, { kind: AUDIT_KINDS.reminderAnswered, tenantId: user.tenantId, actorId: user.id, subjectId: user.id, data: { reminderId, kind, answer } });
}
