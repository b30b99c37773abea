import { metrics as otelMetrics, type BatchObservableCallback, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import type { FailureReason } from '../delivery/policy';
import type { Logger } from '../log/logger';

/** One proactive message reaching a final state, or held back by a 429. */
export type DeliveryCount =
  | { readonly outcome: 'sent'; readonly reason?: 'reconciled' }
  | { readonly outcome: 'throttled' }
  | { readonly outcome: 'failed'; readonly reason: FailureReason | 'unknown' };

export type InvokeTiming = { readonly verb: string; readonly outcome: 'ok' | 'error' };

/** `reports`: new relevant reports were handed over; `no_news`: the feed changed, nothing relevant. */
export type JmaPollOutcome = { readonly outcome: 'reports' | 'no_news' | 'not_modified' | 'error' };

/** Recipients of the rounds still open, by state; `reached` means reached by phone. */
export interface RoundProgress {
  readonly open: number;
  readonly pending: number;
  readonly answered: number;
  readonly reached: number;
}

/** What the gauges read from the database when the exporter collects (every minute on Azure Monitor). */
export interface GaugeSources {
  /** Deliveries not yet in a final state, per lane. */
  queueDepth(): Promise<readonly { readonly lane: string; readonly depth: number }[]>;
  roundProgress(): Promise<RoundProgress>;
}

/** The application's metrics, typed by their attributes; docs/operations.md lists them. */
export interface AppMetrics {
  readonly deliveries: Counter<DeliveryCount>;
  readonly deliveryLoopErrors: Counter;
  readonly invokeDuration: Histogram<InvokeTiming>;
  readonly jmaPolls: Counter<JmaPollOutcome>;
  /** Starts the gauges; the returned function stops them (before the database closes). */
  observe(sources: GaugeSources, logger: Logger): () => void;
}

export const INSTRUMENTATION_SCOPE = 'anshin';

/**
 * Builds the instruments on the given provider; by default the global one, which is the Azure
 * Monitor SDK when telemetry is on and the API's no-op otherwise (so the gauges' queries never run).
 */
export function createAppMetrics(provider: MeterProvider = otelMetrics.getMeterProvider()): AppMetrics {
  const meter = provider.getMeter(INSTRUMENTATION_SCOPE);
  const queueDepth = meter.createObservableGauge('anshin.delivery.queue.depth', {
    description: 'Deliveries not yet sent, failed or cancelled, by lane',
    unit: '{delivery}',
  });
  const openRounds = meter.createObservableGauge('anshin.rounds.open', { description: 'Safety rounds still open', unit: '{round}' });
  const recipients = meter.createObservableGauge('anshin.rounds.recipients', {
    description: 'Recipients of the open safety rounds by state (pending, answered, reached)',
    unit: '{person}',
  });
  return {
    deliveries: meter.createCounter('anshin.deliveries', {
      description: 'Proactive messages sent, throttled (429) or failed (by reason)',
      unit: '{delivery}',
    }),
    deliveryLoopErrors: meter.createCounter('anshin.delivery.loop.errors', { description: 'Errors of the delivery loop (it retries)' }),
    invokeDuration: meter.createHistogram('anshin.invoke.duration', {
      description: 'Time to answer a card action (Action.Execute), by verb; Teams gives up after 5 s',
      unit: 'ms',
    }),
    jmaPolls: meter.createCounter('anshin.jma.polls', { description: 'Polls of the JMA feed by outcome', unit: '{poll}' }),
    observe(sources, logger) {
      const collect: BatchObservableCallback = async (result) => {
        try {
          const [lanes, rounds] = await Promise.all([sources.queueDepth(), sources.roundProgress()]);
          for (const { lane, depth } of lanes) result.observe(queueDepth, depth, { lane });
          result.observe(openRounds, rounds.open);
          for (const state of ['pending', 'answered', 'reached'] as const) result.observe(recipients, rounds[state], { state });
        } catch (err) {
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'telemetry: reading the gauges failed');
        }
      };
      const gauges = [queueDepth, openRounds, recipients];
      meter.addBatchObservableCallback(collect, gauges);
      return () => meter.removeBatchObservableCallback(collect, gauges);
    },
  };
}
