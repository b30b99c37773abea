/**
 * The local Bot Connector on its own thread (its own event loop), as the real one is on its own
 * machines: the benchmark's database work must not skew the connector's clock and limits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeCloud, type FakeCloudOptions } from '../test/support/fake-cloud';

export type CloudRequest = { type: 'seed'; n: number; tenantId: string } | { type: 'stats'; tenantId: string } | { type: 'stop' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('run as a worker thread');
  const cloud = await startFakeCloud(workerData as FakeCloudOptions);
  port.postMessage({ type: 'ready', connectorUrl: cloud.connectorUrl });
  port.on('message', async (msg: CloudRequest) => {
    if (msg.type === 'seed') {
      const users = cloud.state.addUsers(msg.n, msg.tenantId, { installed: true });
      for (const u of users) {
        cloud.state.registerConversation(`a:conv-${u.aadObjectId}`, { conversation: { tenantId: msg.tenantId }, recipient: { aadObjectId: u.aadObjectId, id: u.teamsUserId } });
      }
      port.postMessage({ type: 'seeded', users: users.map((u) => u.aadObjectId) });
    } else if (msg.type === 'stats') {
      port.postMessage({
        type: 'stats',
        sendTimes: cloud.state.delivered.filter((d) => d.kind === 'send').map((d) => d.at),
        updateTimes: cloud.state.delivered.filter((d) => d.kind === 'update').map((d) => d.at),
        counts: [...cloud.state.countByUser().entries()],
        maxInWindow: cloud.state.maxInWindow(msg.tenantId, 1000),
        counters: { ...cloud.state.counters },
      });
    } else {
      await cloud.stop();
      port.postMessage({ type: 'stopped' });
      port.close();
    }
  });
}

void main();
