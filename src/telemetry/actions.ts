import { performance } from 'node:perf_hooks';
import type { ActionHandler } from '../cards/actions';
import type { AppMetrics } from './metrics';

/**
 * Times every card action handler (its use case and card), by verb: Teams shows an error when an
 * invoke is not answered within 5 s, so this is the latency that matters to users. The whole HTTP
 * request is traced by the http instrumentation.
 */
export function timedActions<H extends Readonly<Record<string, ActionHandler>>>(handlers: H, metrics: AppMetrics): H {
  const timed = Object.entries(handlers).map(([verb, handler]): [string, ActionHandler] => [
    verb,
    async (caller, data) => {
      const startedAt = performance.now();
      let outcome: 'ok' | 'error' = 'error';
      try {
        const card = await handler(caller, data);
        outcome = 'ok';
        return card;
      } finally {
        metrics.invokeDuration.record(performance.now() - startedAt, { verb, outcome });
      }
    },
  ]);
  // Same keys, each value an ActionHandler: the shape of H.
  return Object.fromEntries(timed) as H;
}
