/**
 * The pledge feature's public file: the security pledge 誓約書 (G 目的). The composition root gives its
 * port to the check-ins (pledge before the first check-in card, "pledge pending" on check-ins) and its
 * `pledgePending` to the manager digest; nothing here imports another feature.
 */
import type { CommandHandler } from '../../cards/actions';
import type { User } from '../../domain/people/user';
import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import type { PledgePort } from '../checkins';
import type { FeatureDeps } from '../feature';
import { pledgeActions } from './actions';
import { pledgePendingSection } from './digest';
import { createPledgeService } from './service';

/** How often the sweep sends the pledge to people who never received the current version. */
const SWEEP_SECONDS = 300;

export function createPledgeFeature(deps: FeatureDeps, options: { readonly settings: { readonly required: boolean; readonly guidelineVersion: string } }) {
  const service = createPledgeService({ ...deps, settings: options.settings });
  const jobs: FeatureJobs = { handlers: {}, recurring: [every(SWEEP_SECONDS, { name: 'pledge sweep', runAtStart: true, run: () => service.sweep() })] };
  return {
    name: 'pledge',
    actions: pledgeActions(service),
    commands: { pledge: (caller) => service.show(caller.user) } satisfies { pledge: CommandHandler },
    jobs,
    /** For the check-ins: "pledge pending", and the pledge before the first check-in card. */
    checkinPort: { pending: service.pending, sendBefore: service.sendBefore, showFirst: service.showFirst } satisfies PledgePort,
    /** The incident digest's "pledge pending" section. */
    digestSection: pledgePendingSection(deps.db, options.settings),
    /**
     * The app was just installed for the person (first contact): the pledge now, in its own
     * transaction, instead of at the next sweep; false when pledges are off, or it was sent or accepted.
     */
    onInstalled: async (user: User) => {
      const sent = await deps.db.transaction((tx) => service.sendBefore(tx, user));
      if (sent) deps.outbox.notify();
      return sent;
    },
    /** One sweep (the recurring task runs it; tests call it). */
    sweep: () => service.sweep(),
  };
}
