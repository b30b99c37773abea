import { MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';

/** Collects on demand, as Azure Monitor's exporter does every minute: the stand-in for the cloud. */
export class InMemoryReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}

  async points(name: string): Promise<DataPoint<unknown>[]> {
    const { resourceMetrics } = await this.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
    return (metric?.dataPoints ?? []) as DataPoint<unknown>[];
  }

  /** The sum of a counter's (or a gauge's) points whose attributes include `attrs`. */
  async sum(name: string, attrs: Record<string, string> = {}): Promise<number> {
    const matching = (await this.points(name)).filter((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
    return matching.reduce((total, p) => total + (typeof p.value === 'number' ? p.value : 0), 0);
  }
}
