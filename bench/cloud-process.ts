/**
 * The local Bot Connector in its own process, as the real one runs on its own machines: the
 * benchmark's database work must not skew the connector's clock and limits, and the app's memory is
 * measured without the stand-in's (which keeps every delivered card).
 */
import { startFakeCloud, type FakeCloudOptions } from '../test/support/fake-cloud';

export type CloudRequest =
  | { type: 'seed'; n: number; tenantId: string; conversations: boolean }
  | { type: 'stats'; tenantId: string; match?: string }
  | { type: 'updates' }
  | { type: 'stop' };

export interface CloudStats {
  readonly sendTimes: number[];
  /** Sends whose activity contains `match` (e.g. a round's id), when asked. */
  readonly matchTimes: number[];
  /** Every accepted request of the tenant (creates, sends, updates). */
  readonly requestTimes: number[];
  readonly counts: [string, number][];
  readonly maxInWindow: number;
  readonly counters: Record<string, number>;
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  const send = (m: object) => process.send?.(m);
  const options = JSON.parse(process.env.CLOUD_OPTIONS ?? '{}') as FakeCloudOptions;
  const cloud = await startFakeCloud(options);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  send({ type: 'ready', connectorUrl: cloud.connectorUrl, graphUrl: cloud.graphUrl });
  process.on('message', async (msg: CloudRequest) => {
    if (msg.type === 'seed') {
      const users = cloud.state.addUsers(msg.n, msg.tenantId, { installed: true });
      // People who opened the bot have a conversation (and the app stores its reference); the
      // others get one created by the delivery engine.
      if (msg.conversations) {
        for (const u of users) {
          cloud.state.registerConversation(`a:conv-${u.aadObjectId}`, { conversation: { tenantId: msg.tenantId }, recipient: { aadObjectId: u.aadObjectId, id: u.teamsUserId } });
        }
      }
      send({ type: 'seeded', users: users.map((u) => ({ id: u.aadObjectId, teamsId: u.teamsUserId })) });
    } else if (msg.type === 'updates') {
      // Cheap to poll: the full stats carry every request's time (a few hundred KB at 10,000 people),
      // and polling them every 50 ms filled the app's process (the benchmark's) with garbage.
      const updates = cloud.state.delivered.filter((d) => d.kind === 'update');
      send({ type: 'updates', count: updates.length, latest: updates.reduce((t, d) => Math.max(t, d.at), 0) });
    } else if (msg.type === 'stats') {
      const stats: CloudStats = {
        sendTimes: cloud.state.delivered.filter((d) => d.kind === 'send').map((d) => d.at),
        matchTimes: msg.match ? cloud.state.delivered.filter((d) => d.kind === 'send' && JSON.stringify(d.activity).includes(msg.match as string)).map((d) => d.at) : [],
        requestTimes: cloud.state.acceptedTimestamps(msg.tenantId),
        counts: [...cloud.state.countByUser().entries()],
        maxInWindow: cloud.state.maxInWindow(msg.tenantId, 1000),
        counters: { ...cloud.state.counters },
        peakRssMb: Math.round(peakRss / 1048576),
      };
      send({ type: 'stats', ...stats });
    } else {
      clearInterval(sampler);
      await cloud.stop();
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
}

void main();
