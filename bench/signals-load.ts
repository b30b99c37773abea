/**
 * The signals benchmark's load generator, in its own process (bench/signals.ts forks it), as VPN
 * gateways and MDM are on their own machines: signing and sending must not skew the server's
 * latency or memory. (A worker thread would not do: autocannon then skips its result aggregation.)
 */
import autocannon from 'autocannon';
import { signalSignature } from '../test/support/signals';

export interface LoadOptions {
  readonly url: string;
  readonly secret: string;
  readonly users: readonly { id: string; upn: string }[];
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections; 0 = as fast as answers come back. */
  readonly rate: number;
  /** Prefix of the event ids, unique per run. */
  readonly runId: string;
}

export interface LoadResult {
  /** Ids answered 202: the benchmark checks each is stored. */
  readonly acceptedIds: readonly string[];
  readonly other: Record<string, number>;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

const TYPES = ['vpn.session.opened', 'vpn.session.closed', 'device.noncompliant'] as const;

async function run(o: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const acceptedIds: string[] = [];
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    ...(o.rate > 0 ? { overallRate: o.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/signals',
        setupRequest: (request) => {
          n += 1;
          const user = o.users[n % o.users.length] as { id: string; upn: string };
          // Three in four name the person by object id, one in four by UPN (the slower lookup).
          const ref = n % 4 === 0 ? { upn: user.upn } : { aadObjectId: user.id };
          const body = JSON.stringify({
            id: `${o.runId}-${n}`,
            type: TYPES[n % TYPES.length],
            occurredAt: new Date().toISOString(),
            user: ref,
            device: { id: `dev-${n % 997}`, name: 'PC' },
            data: { gateway: 'gw-1', sessionId: `s-${n}` },
          });
          const headers = { 'content-type': 'application/json', 'anshin-signature': signalSignature(o.secret, body, Math.floor(Date.now() / 1000)) };
          return { ...request, body, headers };
        },
        onResponse: (status, body) => {
          if (status === 202) acceptedIds.push((JSON.parse(body) as { id: string }).id);
        },
      },
    ],
  });
  const other: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) if (code !== '202') other[code] = stat.count ?? 0;
  return {
    acceptedIds,
    other,
    errors: result.errors,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

process.once('message', (options: LoadOptions) => {
  run(options).then(
    (r) => process.send?.(r, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
