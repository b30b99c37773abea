import { SpanStatusCode, trace, type Attributes, type SpanOptions } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from './metrics';

/**
 * Runs `work` in a span of the global tracer: the Azure Monitor SDK's when telemetry is on, the
 * API's no-op otherwise. A thrown error marks the span failed and is thrown on.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>, options: SpanOptions = {}): Promise<T> {
  return trace.getTracer(INSTRUMENTATION_SCOPE).startActiveSpan(name, { ...options, attributes }, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : undefined });
      throw err;
    } finally {
      span.end();
    }
  });
}
