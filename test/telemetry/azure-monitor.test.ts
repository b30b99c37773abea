import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { cardText, executeActivity, teamsActivity } from '../support/app';
import { spawnApp, type ChildApp } from '../support/child-app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { waitUntil } from '../support/fanout';

/** An Application Insights envelope as the exporter posts it to `<IngestionEndpoint>/v2.1/track`. */
interface Envelope {
  name: string;
  iKey: string;
  tags: Record<string, string>;
  data: { baseType: string; baseData: Record<string, unknown> & { metrics?: { name: string; value: number }[]; properties?: Record<string, string> } };
}

/** The Azure Monitor ingestion endpoint, over TLS as the exporter insists on (a certificate made for the test). */
async function startFakeIngestion(dir: string): Promise<{ url: string; certFile: string; envelopes: Envelope[]; server: Server }> {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const envelopes: Envelope[] = [];
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const items = req.url?.startsWith('/v2.1/track') ? (JSON.parse(body) as Envelope[]) : [];
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, certFile, envelopes, server };
}

const metricsOf = (envelopes: readonly Envelope[]) =>
  envelopes.filter((e) => e.data.baseType === 'MetricData').flatMap((e) => (e.data.baseData.metrics ?? []).map((m) => ({ ...m, properties: e.data.baseData.properties ?? {} })));

const TENANT = 'tenant-otel';
const KEY = '11111111-2222-3333-4444-555555555555';

describe('with APPLICATIONINSIGHTS_CONNECTION_STRING, npm start exports to Azure Monitor', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-otel-'));
  const logFile = path.join(path.resolve('test-output'), 'azure-monitor-test.log');
  let ingestion: Awaited<ReturnType<typeof startFakeIngestion>>;
  let cloud: FakeCloud;
  let child: ChildApp | undefined;

  beforeAll(async () => {
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, '');
    ingestion = await startFakeIngestion(dir);
    cloud = await startFakeCloud();
  });
  afterAll(async () => {
    await child?.kill();
    await cloud?.stop();
    ingestion?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends request and delivery traces and the app metrics, never logs the connection string, skips probes', async () => {
    const directory = path.join(dir, 'directory.json');
    const users = [{ aadObjectId: 'admin-1', name: 'Admin', isAdmin: true }, { aadObjectId: 'emp-1', name: 'Employee One' }];
    writeFileSync(directory, JSON.stringify({ tenantId: TENANT, users }));
    child = await spawnApp({
      DATA_DIR: path.join(dir, 'data'),
      DIRECTORY_FILE: directory,
      SCHEDULER_ENABLED: 'false',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${KEY};IngestionEndpoint=${ingestion.url}`,
      OTEL_SERVICE_NAME: 'anshin-test',
      NODE_EXTRA_CA_CERTS: ingestion.certFile,
      // Read by the Azure Monitor distro itself: export every second instead of every minute.
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
    }, logFile, 150_000); // a new data directory runs initdb: ~10 s, much longer on a busy machine
    const url = child.url;
    const post = (body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    for (const user of users) {
      const installed = teamsActivity({ serviceUrl: cloud.connectorUrl, user: user.aadObjectId, tenant: TENANT }, { type: 'conversationUpdate', membersAdded: [{ id: '28:anshin-bot' }] });
      expect((await post(installed)).status).toBe(200);
    }
    const who = { serviceUrl: cloud.connectorUrl, user: 'admin-1', tenant: TENANT };
    expect((await post(executeActivity(who, VERBS.roundStart, { kind: 'earthquake', scope: 'everyone', drill: 'true', message: '' }))).status).toBe(200);
    await cloud.state.waitForActivity((d) => d.conversationId === 'a:conv-emp-1' && cardText(d.activity).includes(VERBS.safetyAnswer), 30_000);

    // The gauges are read from the database at each export while the app runs (not after it closed the database).
    const gauge = (name: string) => metricsOf(ingestion.envelopes).filter((m) => m.name === name);
    await waitUntil(async () => gauge('anshin.rounds.open').some((m) => m.value === 1), 30_000, 200);
    expect(gauge('anshin.rounds.recipients').length).toBeGreaterThan(0);
    expect(gauge('anshin.delivery.queue.depth').length).toBeGreaterThan(0);

    // SIGTERM: the app drains, then the telemetry shutdown sends what is left.
    expect(await child.kill('SIGTERM')).toBe(0);
    child = undefined;
    await waitUntil(async () => ingestion.envelopes.some((e) => e.data.baseType === 'MetricData'), 10_000, 100);

    const { envelopes } = ingestion;
    expect(envelopes.every((e) => e.iKey === KEY)).toBe(true);
    expect(envelopes.some((e) => e.tags['ai.cloud.role'] === 'anshin-test')).toBe(true);
    const requests = envelopes.filter((e) => e.data.baseType === 'RequestData').map((e) => String(e.data.baseData.url ?? e.data.baseData.name));
    expect(requests.some((r) => r.includes('/api/messages'))).toBe(true);
    expect(requests.filter((r) => /\/(healthz|readyz)/.test(r))).toEqual([]);
    const dependencies = envelopes.filter((e) => e.data.baseType === 'RemoteDependencyData').map((e) => String(e.data.baseData.name));
    expect(dependencies).toContain('bot-connector send');
    const metrics = metricsOf(envelopes);
    const sent = metrics.filter((m) => m.name === 'anshin.deliveries' && m.properties.outcome === 'sent');
    expect(sent.reduce((total, m) => total + m.value, 0)).toBeGreaterThanOrEqual(2);
    expect(metrics.some((m) => m.name === 'anshin.invoke.duration' && m.properties.verb === VERBS.roundStart)).toBe(true);

    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('telemetry: exporting traces and metrics to Azure Monitor');
    expect(log).not.toContain(KEY);
  }, 240_000);
});
