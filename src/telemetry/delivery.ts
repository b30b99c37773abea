import type { EventEmitter } from 'node:events';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { BotConnector, ConnectorResult } from '../delivery/connector-client';
import { FAILURE_REASONS, type FailureReason } from '../delivery/policy';
import { INSTRUMENTATION_SCOPE, type AppMetrics } from './metrics';

const isFailureReason = (value: unknown): value is FailureReason => FAILURE_REASONS.some((r) => r === value);

/**
 * Counts the delivery worker's outcomes from its events. Listening to 'error' also keeps a loop
 * error from becoming an unhandled 'error' event: the loop logs it and tries again.
 */
export function countDeliveries(events: EventEmitter, metrics: AppMetrics): void {
  events.on('sent', () => metrics.deliveries.add(1, { outcome: 'sent' }));
  // Found delivered after a crash mid-call: sent, once, by the process that crashed.
  events.on('reconciled', () => metrics.deliveries.add(1, { outcome: 'sent', reason: 'reconciled' }));
  events.on('failed', (_delivery: unknown, reason: unknown) => metrics.deliveries.add(1, { outcome: 'failed', reason: isFailureReason(reason) ? reason : 'unknown' }));
  events.on('error', () => metrics.deliveryLoopErrors.add(1));
}

/**
 * A span per Bot Connector call (the client uses fetch, which the distro's http instrumentation does
 * not see) and the throttled count: every 429 holds the whole tenant back for its Retry-After.
 */
export function observeConnector(connector: BotConnector, metrics: AppMetrics): BotConnector {
  const tracer = trace.getTracer(INSTRUMENTATION_SCOPE);
  const call = (operation: string, request: () => Promise<ConnectorResult>) =>
    tracer.startActiveSpan(`bot-connector ${operation}`, { kind: SpanKind.CLIENT }, async (span) => {
      try {
        const result = await request();
        if (!result.ok) {
          span.setAttribute('http.response.status_code', result.status);
          span.setStatus({ code: SpanStatusCode.ERROR, message: result.code });
          if (result.status === 429) metrics.deliveries.add(1, { outcome: 'throttled' });
        }
        return result;
      } finally {
        span.end();
      }
    });
  return {
    send: (serviceUrl, conversationId, activity, deadline) => call('send', () => connector.send(serviceUrl, conversationId, activity, deadline)),
    update: (serviceUrl, conversationId, activityId, activity, deadline) =>
      call('update', () => connector.update(serviceUrl, conversationId, activityId, activity, deadline)),
    createConversation: (serviceUrl, p) => call('create conversation', () => connector.createConversation(serviceUrl, p)),
  };
}
