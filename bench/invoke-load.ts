/**
 * The card-action benchmark's load generator, in its own process (bench/invoke.ts forks it), as
 * the Teams clients and the Bot Connector are elsewhere: building and sending the invokes must not
 * skew the app's latency or memory.
 */
import autocannon from 'autocannon';
import { invokeActivity, type ActivityOptions } from './invoke-activity';

export interface InvokeLoadOptions extends ActivityOptions {
  /** The app processes; connections alternate between them. */
  readonly urls: readonly string[];
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections; 0 = as fast as answers come back. */
  readonly rate: number;
}

export interface InvokeLoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

async function run(o: InvokeLoadOptions): Promise<InvokeLoadResult> {
  let n = 0;
  const result = await autocannon({
    // autocannon spreads the connections over several urls (its types name only one).
    url: [...o.urls] as unknown as string,
    connections: o.connections,
    duration: o.seconds,
    timeout: 10,
    ...(o.rate > 0 ? { overallRate: o.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        setupRequest: (request) => ({ ...request, body: JSON.stringify(invokeActivity(o, n++)), headers: { 'content-type': 'application/json' } }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

process.once('message', (o: InvokeLoadOptions) => {
  run(o).then(
    (r) => process.send?.(r, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`load generator failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
});
