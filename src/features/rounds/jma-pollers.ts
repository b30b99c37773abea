import { createJmaPoller } from '../../feeds/jma-poller';
import type { FeatureDeps } from '../feature';
import { createJmaHandler, jmaSeenStore } from './jma';
import type { RoundService } from './service';

/**
 * The JMA feed pollers: eqvol.xml (quakes, tsunamis) and, for 特別警報 rules, extra.xml — one poller
 * each, one handler. None when no feed is configured. Returns the cleanup that stops them.
 */
type HandlerOptions = Parameters<typeof createJmaHandler>[0];

/** The rounds feature's options the pollers read. */
interface PollerOptions {
  readonly jma: HandlerOptions['jma'];
  readonly rules?: HandlerOptions['rules'];
  readonly locationFreshHours?: HandlerOptions['locationFreshHours'];
  readonly onJmaPolled?: Parameters<typeof createJmaPoller>[0]['onPolled'];
}

export function startJmaPollers(deps: FeatureDeps & { rounds: RoundService; options: PollerOptions; feedUrls: readonly (string | undefined)[] }): () => Promise<void> {
  const urls = deps.feedUrls.filter((url): url is string => Boolean(url));
  if (!urls.length || !deps.options.jma.feedUrl) return async () => undefined;
  const handler = createJmaHandler({
    db: deps.db, rounds: deps.rounds, jma: deps.options.jma, clock: deps.clock, logger: deps.logger.child({ component: 'jma' }),
    rules: deps.options.rules, locationFreshHours: deps.options.locationFreshHours,
  });
  const pollers = urls.map((feedUrl) =>
    createJmaPoller({
      feedUrl,
      intervalMs: deps.options.jma.pollSeconds * 1000,
      onReport: (report) => handler.onReport(report),
      seen: jmaSeenStore(deps.db),
      logger: deps.logger.child({ component: 'jma-poller' }),
      clock: deps.clock,
      onPolled: deps.options.onJmaPolled,
    }),
  );
  for (const poller of pollers) poller.start();
  return async () => {
    for (const poller of pollers) await poller.stop();
  };
}
