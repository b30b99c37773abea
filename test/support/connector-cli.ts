/**
 * Starts the local Bot Connector + Graph fakes from the command line.
 *
 *   npx tsx test/support/connector-cli.ts --port 3979 --graph-port 3980 --rate 50 --p429 0.05 --p5xx 0.02
 *
 * Flags: --host, --port, --graph-port, --rate (tenant req/s), --graph-rate (installs/s per tenant),
 * --p429, --p5xx (split evenly between 500 and 503), --p500, --p503, --ptimeout, --timeout-ms,
 * --timeout-delivers, --latency (ms), --seed, --retry-after (s), --require-auth, --bot-id, --app-id,
 * --users N --tenant T [--installed] (pre-create user-00001.. in tenant T), --help.
 * Prints the URLs (and a JSON line) and stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startFakeCloud, type Faults, type RateLimits } from './fake-cloud/index';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '3979' },
    'graph-port': { type: 'string', default: '3980' },
    rate: { type: 'string' },
    'graph-rate': { type: 'string' },
    p429: { type: 'string' },
    p5xx: { type: 'string' },
    p500: { type: 'string' },
    p503: { type: 'string' },
    ptimeout: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'timeout-delivers': { type: 'boolean', default: false },
    latency: { type: 'string' },
    seed: { type: 'string' },
    'retry-after': { type: 'string' },
    'require-auth': { type: 'boolean', default: false },
    'bot-id': { type: 'string' },
    'app-id': { type: 'string' },
    users: { type: 'string' },
    tenant: { type: 'string', default: 'default-tenant' },
    installed: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`usage: npx tsx test/support/connector-cli.ts [--port 3979] [--graph-port 3980] [--rate 50] [--p429 0.05]
  [--p5xx 0.02] [--p500 p] [--p503 p] [--ptimeout p] [--timeout-ms 30000] [--timeout-delivers] [--latency ms] [--seed n]
  [--retry-after s] [--graph-rate 30] [--require-auth] [--bot-id id] [--app-id id] [--users N --tenant T [--installed]]\n`);
  process.exit(0);
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`connector-cli: --${name} expects a non-negative number, got '${v}'\n`);
    process.exit(2);
  }
  return n;
}

const faults: Partial<Faults> = {};
const p5xx = num('p5xx', values.p5xx);
const set = <K extends keyof Faults>(key: K, v: Faults[K] | undefined): void => { if (v !== undefined) faults[key] = v; };
set('p429', num('p429', values.p429));
set('p500', num('p500', values.p500) ?? (p5xx === undefined ? undefined : p5xx / 2));
set('p503', num('p503', values.p503) ?? (p5xx === undefined ? undefined : p5xx / 2));
set('pTimeout', num('ptimeout', values.ptimeout));
set('timeoutMs', num('timeout-ms', values['timeout-ms']));
set('latencyMs', num('latency', values.latency));
set('seed', num('seed', values.seed));
faults.timeoutDelivers = values['timeout-delivers'];

const limits: Partial<RateLimits> = {};
const rate = num('rate', values.rate);
if (rate !== undefined) limits.tenant = [{ limit: rate, windowMs: 1000 }];
const graphRate = num('graph-rate', values['graph-rate']);
if (graphRate !== undefined) limits.graphInstall = [{ limit: graphRate, windowMs: 1000 }];

async function main(): Promise<void> {
  const cloud = await startFakeCloud({
    host: values.host,
    connectorPort: num('port', values.port),
    graphPort: num('graph-port', values['graph-port']),
    botId: values['bot-id'],
    appId: values['app-id'],
    limits,
    faults,
    requireAuth: values['require-auth'],
    retryAfterSeconds: num('retry-after', values['retry-after']),
  });
  const users = num('users', values.users) ?? 0;
  if (users > 0) cloud.state.addUsers(users, values.tenant, { installed: values.installed });
  process.stdout.write(`fake Bot Connector: ${cloud.connectorUrl}\nfake Graph:         ${cloud.graphUrl}\n`);
  process.stdout.write(`${JSON.stringify({ connectorUrl: cloud.connectorUrl, graphUrl: cloud.graphUrl, users, faults: { ...faults } })}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const s = cloud.state;
    process.stdout.write(`\n${signal}: delivered=${s.delivered.length} counters=${JSON.stringify(s.counters)}\n`);
    cloud.stop().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exit(1); });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`connector-cli: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
