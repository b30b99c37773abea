/**
 * The rounds feature's public file: safety-confirmation rounds 安否確認 (DOMAIN.md F6, F7). Admins
 * start, watch and close them; the JMA earthquake/tsunami feed starts them by itself; the cascade
 * re-sends and escalates on a tick; people who first open the bot during a round get its card then.
 */
import type { Config } from '../../config';
import type { createJmaPoller } from '../../feeds/jma-poller';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { FeatureDeps } from '../feature';
import { roundActions, roundCommands } from './actions';
import { tallyOnDelivery } from './delivery-outcomes';
import { roundCsv } from './export';
import { adminAccess } from './admins';
import type { EmailFallback } from './types';
import { startJmaPollers } from './jma-pollers';
import { roundJobs } from './jobs';
import { createRoundConsole } from './live';
import { createLiveFeed } from './live-feed';
import { createRoundService } from './service';
import { openRoundProgress } from './tally-repository';
import { roundErrorTexts, roundFieldLabel } from './texts';
import { createRoundViews } from './views';

/** @internal the field-label test checks every card input against the features' labels. */
export { roundFieldLabel } from './texts';

export type { RoundService } from './service';
export type { EmailFallback } from './types';

export interface RoundsOptions {
  readonly cascade: Config['rounds'];
  /** The e-mail fallback (ROUND_EMAIL_*): undefined = off. */
  readonly email?: EmailFallback;
  /** LOCATION_FRESH_HOURS (default 24). */
  readonly locationFreshHours?: number;
  readonly jma: Config['jma'];
  /** The trigger rules (ROUND_RULES_FILE); without them the JMA_* settings' earthquake and tsunami rules. */
  readonly rules?: Config['roundRules'];
  /** The company's zone, for times in admin cards. */
  readonly timeZone: string;
  /** A signed, expiring CSV link for admins (undefined when exports are off). */
  readonly exportUrl?: (roundId: string) => Promise<string | undefined>;
  /** Told after every poll of the JMA feed (metrics). */
  readonly onJmaPolled?: Parameters<typeof createJmaPoller>[0]['onPolled'];
}

export function createRoundsFeature(deps: FeatureDeps, options: RoundsOptions) {
  const roundDeps = {
    ...deps,
    views: createRoundViews(deps.clock, options.timeZone),
    cascade: options.cascade,
    logger: deps.logger.child({ component: 'rounds' }),
    exportUrl: options.exportUrl,
    locationFreshHours: options.locationFreshHours,
    email: options.email,
  };
  const service = createRoundService(roundDeps);
  const { feedUrl, extraFeedUrl } = options.jma;
  const roundConsole = createRoundConsole({ ...roundDeps, ...adminAccess(deps.roles) });
  const liveFeed = createLiveFeed(deps.db, roundDeps.logger);
  return {
    name: 'rounds',
    actions: roundActions(service),
    commands: roundCommands(service),
    commandVisible: { safety: async (user: User) => service.isAdmin(user), mySafety: (user: User) => service.inOpenRound(user) },
    jobs: roundJobs({ rounds: service, tickerIntervalSeconds: options.cascade.tickerIntervalSeconds }),
    errorTexts: roundErrorTexts,
    fieldLabel: roundFieldLabel,
    onFirstContact: (tx: Executor, userId: string) => service.firstContact(tx, userId),
    onDeliveryOutcome: tallyOnDelivery(deps.db, deps.logger.child({ component: 'rounds' })),
    /** The JMA feed poller, when a feed is configured. */
    /** The live feed (LISTEN) for the console, and the JMA feed pollers when a feed is configured. */
    start: async () => {
      const stopFeed = await liveFeed.start();
      const stopPollers = startJmaPollers({ ...deps, rounds: service, options, feedUrls: [feedUrl, extraFeedUrl] });
      return async () => {
        await stopPollers();
        await stopFeed();
      };
    },
    /** The use cases (tests and benchmarks drive rounds through them). */
    service,
    /** GET /api/exports/rounds/<id>.csv. */
    csv: (roundId: string) => roundCsv(deps.db, roundId),
    /** The console's round views and "re-send now" (docs/console.md), and when a round changed on any replica. */
    console: { ...roundConsole, subscribe: liveFeed.subscribe },
    /** Open rounds' progress, for the metrics gauges. */
    progress: () => openRoundProgress(deps.db),
  };
}
