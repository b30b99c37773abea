import { AUDIT_KINDS } from '../../audit/kinds';
import type { AdaptiveCardJson } from '../../cards/render';
import { PURPOSES } from '../../delivery/outbox';
import { localDateOf } from '../../domain/calendar';
import { InvalidWorkDateError } from '../../domain/checkins/errors';
import { scheduleFor } from '../../domain/checkins/schedule';
import { homeNetworkFailures, monthOf, type HomeNetworkAnswers } from '../../domain/policy/home-network';
import type { User } from '../../domain/people/user';
import type { FeatureDeps } from '../feature';
import { homeNetworkRepo } from './repository';
import { homeNetworkActivity, homeNetworkCardView } from './views';

export type HomeNetworkDeps = Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'companyHolidays'>;

/** The monthly home-network self-check (G 3): the card, its answers and the monthly send. */
export function createHomeNetworkService(deps: HomeNetworkDeps) {
  const { db, clock } = deps;
  const zone = (user: User) => scheduleFor(user, deps.companyHolidays).timeZone;
  const currentMonth = (user: User) => monthOf(localDateOf(clock.now(), zone(user)));

  return {
    currentMonth,

    /** The `home network` command: this month's card, with the answers given so far. */
    async card(user: User): Promise<AdaptiveCardJson> {
      const month = currentMonth(user);
      return homeNetworkCardView(user, zone(user), month, await homeNetworkRepo.get(db, user.id, month));
    },

    /** Records the answers of this month (or of a card sent last month); each failure is shown with its rule. */
    async submit(user: User, month: string, answers: HomeNetworkAnswers): Promise<AdaptiveCardJson> {
      const now = currentMonth(user);
      const record = await db.transaction(async (tx) => {
        if (month !== now && !(await homeNetworkRepo.get(tx, user.id, month))?.sentAt) throw new InvalidWorkDateError(month);
        const failures = homeNetworkFailures(answers);
        await homeNetworkRepo.saveAnswers(tx, { userId: user.id, tenantId: user.tenantId, month, at: clock.now(), answers, failures });
        // No home-network kind in AUDIT_KINDS yet: recorded as an admin action named homenet.answered.
        await deps.audit.append(tx, {
          kind: AUDIT_KINDS.homeNetworkAnswered, tenantId: user.tenantId, actorId: user.id, subjectId: user.id,
          data: { month, failures: [...failures], ruleRef: 'G 3' },
        });
        return homeNetworkRepo.get(tx, user.id, month);
      });
      return homeNetworkCardView(user, zone(user), month, record);
    },

    /**
     * The person's `homenet-due` job (fanned out by the month's slot): marks the month sent and puts
     * the card into the outbox in one transaction, once (home_network_checks.sent_at; outbox key person
     * + month): a repeated job, or a slot fanned out twice, sends nothing more.
     */
    async send(user: User, month: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (!(await homeNetworkRepo.markSent(tx, { userId: user.id, tenantId: user.tenantId, month, at: clock.now() }))) return false;
        const card = homeNetworkCardView(user, zone(user), month, await homeNetworkRepo.get(tx, user.id, month));
        return deps.outbox.enqueueFor(tx, {
          purpose: PURPOSES.homeNetwork,
          to: user,
          subject: month,
          batchId: `homenet:${month}`,
          activity: homeNetworkActivity(user, card),
        });
      });
    },
  };
}

export type HomeNetworkService = ReturnType<typeof createHomeNetworkService>;
