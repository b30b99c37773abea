import { AUDIT_KINDS } from '../../audit/kinds';
import type { AdaptiveCardJson } from '../../cards/render';
import { PURPOSES } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { pledgeRepo } from './repository';
import { notRequiredView, outdatedView, pledgeActivity, pledgeCardView } from './views';

import type { FeatureDeps } from '../feature';

export interface PledgeDeps extends Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'logger'> {
  readonly settings: { readonly required: boolean; readonly guidelineVersion: string };
}

/**
 * The security pledge 誓約書 (G 目的): sent before a person's first check-in card and again for every
 * new guideline version; until accepted, check-ins are "pledge pending". Off (PLEDGE_REQUIRED=false):
 * nothing is sent and nobody is pending.
 */
export function createPledgeService(deps: PledgeDeps) {
  const { db, clock } = deps;
  const version = deps.settings.guidelineVersion;
  const on = deps.settings.required;

  async function pending(ex: Executor, user: User): Promise<boolean> {
    return on && !(await pledgeRepo.acceptedAt(ex, user.id, version));
  }

  /** In the caller's transaction: the pledge card into the outbox, once per person and version. */
  async function sendBefore(tx: Executor, user: User): Promise<boolean> {
    if (!(await pending(tx, user))) return false;
    if (!(await pledgeRepo.markSent(tx, { userId: user.id, tenantId: user.tenantId, version, at: clock.now() }))) return false;
    // No pledge purpose in the outbox yet: it travels as a bulk 'broadcast' with its own key.
    return deps.outbox.enqueueFor(tx, {
      purpose: PURPOSES.pledge,
      to: user,
      subject: version,
      batchId: `pledge:${version}`,
      activity: pledgeActivity(user, pledgeCardView(user, version)),
    });
  }

  return {
    pending,
    /** True when the card was put in the outbox. */
    sendBefore,

    /** The pledge card to answer a command with when the person never received it; recorded as sent. */
    async showFirst(user: User): Promise<AdaptiveCardJson | undefined> {
      if (!on) return undefined;
      const shown = await db.transaction(async (tx) => (await pending(tx, user)) && pledgeRepo.markSent(tx, { userId: user.id, tenantId: user.tenantId, version, at: clock.now() }));
      return shown ? pledgeCardView(user, version) : undefined;
    },

    /**
     * `誓約書` / `pledge`, and the check-in summary's button: the current version to accept (recorded
     * as sent, so the sweep does not send it again), or "already submitted on …".
     */
    async show(user: User): Promise<AdaptiveCardJson> {
      if (!on) return notRequiredView(user);
      const acceptedAt = await db.transaction(async (tx) => {
        const at = await pledgeRepo.acceptedAt(tx, user.id, version);
        if (!at) await pledgeRepo.markSent(tx, { userId: user.id, tenantId: user.tenantId, version, at: clock.now() });
        return at;
      });
      return pledgeCardView(user, version, acceptedAt);
    },

    /** The accept button: stored with time and version, audited once; the card turns into the confirmation. */
    async accept(user: User, cardVersion: string): Promise<AdaptiveCardJson> {
      if (cardVersion !== version) return outdatedView(user, version);
      const { acceptedAt } = await db.transaction(async (tx) => {
        const result = await pledgeRepo.accept(tx, { userId: user.id, tenantId: user.tenantId, version, at: clock.now() });
        if (result.first) {
          // No pledge kind in AUDIT_KINDS yet: recorded as an admin action named pledge.accepted.
          await deps.audit.append(tx, {
            kind: AUDIT_KINDS.pledgeAccepted, tenantId: user.tenantId, actorId: user.id, subjectId: user.id,
            data: { guidelineVersion: version, acceptedAt: result.acceptedAt.toISOString() },
          });
        }
        return result;
      });
      return pledgeCardView(user, version, acceptedAt);
    },

    /** Of these people, those who have not accepted the current version (for the manager digest). */
    async pendingAmong(userIds: readonly string[]): Promise<Set<string>> {
      if (!on || userIds.length === 0) return new Set();
      const accepted = await pledgeRepo.acceptedAmong(db, userIds, version);
      return new Set(userIds.filter((id) => !accepted.has(id)));
    },

    /**
     * Sends the pledge to active people who never received this version (first contact through the
     * directory, or a new GUIDELINE_VERSION), a batch per run; each in its own transaction.
     */
    async sweep(limit = 200): Promise<number> {
      if (!on) return 0;
      let sent = 0;
      for (const id of await pledgeRepo.unsent(db, version, limit)) {
        const user = await usersRepo.get(db, id);
        if (!user?.active) continue;
        if (await db.transaction((tx) => sendBefore(tx, user))) sent++;
      }
      if (sent) {
        deps.outbox.notify();
        deps.logger.info({ sent, guidelineVersion: version }, 'pledge cards sent');
      }
      return sent;
    },
  };
}

export type PledgeService = ReturnType<typeof createPledgeService>;
