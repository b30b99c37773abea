import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { cardText, executeActivity, messageActivity } from '../support/app';
import { spawnApp, type ChildApp } from '../support/child-app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';

const TENANT = 'tenant-round-restart';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MEMBERS = Array.from({ length: 60 }, (_, i) => `member-${String(i + 1).padStart(2, '0')}`);
const MANAGERS = ['boss-1', 'boss-2', 'boss-3'];

/**
 * A round's process is SIGKILLed in the middle of the first fan-out and restarted several times,
 * with the clock moving past each cascade step while it is down: every member gets the first card
 * once, each re-send once, each manager one escalation and the admin one report. Half the members
 * never opened the bot, so the app is installed for them through (local) Graph on the way.
 * A card whose call the kill cut short is looked up in the chat through Graph before it is sent
 * again; the re-send's card differs from the first (it says it is a reminder), so the lookup never
 * takes the re-send for the first card (CI once saw a member get one card instead of two).
 */
describe('a safety round survives SIGKILL and restarts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-round-restart-'));
  mkdirSync('test-output', { recursive: true });
  let cloud: FakeCloud | undefined;
  let child: ChildApp | undefined;
  afterAll(async () => {
    await child?.kill();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each card of the cascade exactly once', async () => {
    cloud = await startFakeCloud();
    const c = cloud;
    const people = [
      { aadObjectId: 'admin-x', name: 'Admin X', department: 'HR', isAdmin: true, locale: 'en-US' },
      ...MANAGERS.map((id) => ({ aadObjectId: id, name: id, department: 'Management', locale: 'en-US' })),
      ...MEMBERS.map((id, i) => ({ aadObjectId: id, name: id, department: 'Ops', managerAadObjectId: MANAGERS[i % 3], locale: 'ja-JP' })),
    ];
    people.forEach((p, i) => c.state.addUser({ aadObjectId: p.aadObjectId, tenantId: TENANT, name: p.name, installed: i % 2 === 0 }));
    const directory = path.join(dir, 'directory.json');
    writeFileSync(directory, JSON.stringify({ tenantId: TENANT, users: people }));

    const realStart = Date.now();
    const fakeStart = Date.parse('2026-11-25T10:00:00+09:00');
    let jump = 0; // minutes the clock moved while the process was down
    const env = (): Record<string, string> => ({
      DATA_DIR: path.join(dir, 'data'),
      DIRECTORY_FILE: directory,
      CLOCK_START: new Date(fakeStart + (Date.now() - realStart) + jump * 60_000).toISOString(),
      DELIVERY_RATE_PER_SECOND: '20',
      TICKER_INTERVAL_SECONDS: '0.5',
      // Cards the killed process had claimed go out 5 s after it died instead of 30 s (the lease).
      DELIVERY_LEASE_SECONDS: '5',
      GRAPH_ENABLED: 'true',
      GRAPH_BASE_URL: `${c.graphUrl}/`,
      TEAMS_APP_CATALOG_ID: c.state.app.id,
      BOT_SERVICE_URL: c.connectorUrl,
    });
    const logFile = path.resolve('test-output/round-restart-test.log');
    const admin = { serviceUrl: c.connectorUrl, user: 'admin-x', tenant: TENANT, locale: 'en-US' };
    const post = (url: string, body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    child = await spawnApp(env(), logFile);
    await post(child.url, messageActivity(admin, 'safety round'));
    const form = await c.state.waitForActivity((d) => cardText(d.activity).includes(VERBS.roundPreview), 10_000);
    const data = { kind: 'earthquake', scope: 'everyone', drill: 'true' };
    const res = await post(child.url, executeActivity(admin, VERBS.roundStart, data, form.activityId));
    expect(res.status).toBe(200);
    const checks = (user: string) => c.state.delivered.filter((d) => d.userId === user && d.kind !== 'update' && cardText(d.activity).includes(VERBS.safetyAnswer)).length;
    const escalations = (user: string) => c.state.delivered.filter((d) => d.userId === user && cardText(d.activity).includes(VERBS.safetyPhone) && d.kind !== 'update').length;
    await sleep(1200); // mid fan-out: 64 cards at 20/s
    expect(MEMBERS.filter((m) => checks(m) > 0).length).toBeLessThan(MEMBERS.length);
    await child.kill('SIGKILL');

    const waitFor = async (cond: () => boolean, what: string) => {
      // Generous: a card whose call was cut by the kill is first checked against the conversation
      // (request timeout + settle, about 25 s), and CI machines are busy.
      const end = Date.now() + 120_000;
      while (!cond()) {
        if (Date.now() > end) {
          const short = [...MEMBERS, ...MANAGERS].map((m) => `${m}: ${checks(m)} checks, ${escalations(m)} escalations`).join('; ');
          throw new Error(`timed out waiting for ${what} (${short})`);
        }
        await sleep(200);
      }
    };
    // Down for 31 minutes: on restart the first cards finish and the first re-send goes out.
    jump = 31;
    child = await spawnApp(env(), logFile);
    await waitFor(() => MEMBERS.every((m) => checks(m) >= 2), 'first card and first re-send');
    await child.kill('SIGKILL');
    // Down until +61 min: the manager escalation.
    jump = 61;
    child = await spawnApp(env(), logFile);
    await waitFor(() => MANAGERS.every((m) => escalations(m) >= 1), 'manager escalations');
    await child.kill('SIGKILL');
    // Down until +181 min: second re-send and the admins' report.
    jump = 181;
    child = await spawnApp(env(), logFile);
    await waitFor(() => MEMBERS.every((m) => checks(m) >= 3), 'second re-send');
    await sleep(3000); // anything extra would arrive now

    for (const m of MEMBERS) expect(checks(m), m).toBe(3);
    for (const m of MANAGERS) expect(escalations(m), m).toBe(1);
    const reports = c.state.delivered.filter((d) => d.userId === 'admin-x' && d.kind !== 'update' && cardText(d.activity).includes('members still not answered'));
    expect(reports).toHaveLength(1);
    expect(c.state.installed.size).toBe(people.length);
  }, 480_000);
});
