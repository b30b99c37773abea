/**
 * The card-action benchmark's load generator, in its own process (bench/invoke.ts forks it), as
 * the Teams clients and the Bot Connector are elsewhere: building and sending the invokes must not
 * skew the app's latency or memory.
 */
import autocannon from 'autocannon';

export interface InvokeLoadOptions {
  /** The app processes; connections alternate between them. */
  readonly urls: readonly string[];
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly users: readonly string[];
  readonly roundId: string;
  /** The day a check-in is submitted for (today where the people work). */
  readonly date: string;
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections; 0 = as fast as answers come back. */
  readonly rate: number;
  readonly runId: string;
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

const START = {
  startTime: '09:05', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true',
  vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4', comment: '',
};
const SAFE = { ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '' };

/** Every other invoke is a safety answer, the rest check-in submits, from people in turn. */
function invoke(o: InvokeLoadOptions, n: number): string {
  const user = o.users[Math.floor(n / 2) % o.users.length] as string;
  const [verb, data] = n % 2 === 0 ? ['safety.answer', { roundId: o.roundId, ...SAFE }] : ['checkin.start.submit', { date: o.date, ...START }];
  return JSON.stringify({
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    id: `${o.runId}-${n}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user}`, aadObjectId: user, name: user },
    recipient: { id: '28:anshin-bot', name: 'Anshin' },
    conversation: { id: `a:conv-${user}`, conversationType: 'personal', tenantId: o.tenantId },
    channelData: { tenant: { id: o.tenantId } },
    locale: 'ja-JP',
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: `card-${user}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
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
        setupRequest: (request) => ({ ...request, body: invoke(o, n++), headers: { 'content-type': 'application/json' } }),
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
