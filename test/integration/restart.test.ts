import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { cardText, teamsActivity } from '../support/app';
import { spawnApp, type ChildApp } from '../support/child-app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';

const USERS = ['r-user-1', 'r-user-2', 'r-user-3'];
const TENANT = 'tenant-restart';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The acceptance case for durable planning: the day's start cards are planned as jobs, the process is
 * SIGKILLed, and after a restart each planned card is sent exactly once (and not again after a second
 * kill and restart).
 */
describe('planned check-in cards survive SIGKILL', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-restart-'));
  const outDir = path.resolve('test-output');
  mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, 'restart-test.log');
  let cloud: FakeCloud | undefined;
  let child: ChildApp | undefined;

  afterAll(async () => {
    await child?.kill();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each planned start card exactly once across kills and restarts', async () => {
    cloud = await startFakeCloud();
    const directory = path.join(dir, 'directory.json');
    writeFileSync(directory, JSON.stringify({ tenantId: TENANT, users: USERS.map((id) => ({ aadObjectId: id, name: id, locale: 'en-US' })) }));

    // Fake time: Tuesday 09:00 in Tokyo comes 60 s after the first start (initdb of a new data dir takes
    // ~10 s, much more on a busy machine): the slot must not be due before the first kill, or the killed
    // process may hold its job, which pg-boss gives to another worker only when it expires (5 min).
    const realStart = Date.now();
    const nineAm = Date.parse('2026-11-24T09:00:00+09:00');
    const clockAt = (real: number) => new Date(nineAm - 60_000 + (real - realStart)).toISOString();
    const env = (): Record<string, string> => ({
      DATA_DIR: path.join(dir, 'data'),
      DIRECTORY_FILE: directory,
      CLOCK_START: clockAt(Date.now()),
      PLANNER_INTERVAL_SECONDS: '5',
    });

    child = await spawnApp(env(), logFile);
    for (const user of USERS) {
      const activity = teamsActivity({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'en-US' }, {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:anshin-bot' }],
      });
      const res = await fetch(`${child.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
    }
    await child.kill('SIGKILL');

    child = await spawnApp(env(), logFile);
    const startCards = () => cloud!.state.delivered.filter((d) => cardText(d.activity).includes(VERBS.startSubmit));
    const deadline = realStart + 150_000;
    while (startCards().length < USERS.length && Date.now() < deadline) await sleep(250);
    await child.kill('SIGKILL');

    child = await spawnApp(env(), logFile);
    await sleep(4000); // a planner round and a few delivery polls
    const perUser = new Map<string, number>();
    for (const d of startCards()) perUser.set(d.conversationId, (perUser.get(d.conversationId) ?? 0) + 1);
    expect(Object.fromEntries(perUser)).toEqual(Object.fromEntries(USERS.map((u) => [`a:conv-${u}`, 1])));

    // SIGTERM drains and exits cleanly.
    const t0 = Date.now();
    expect(await child.kill('SIGTERM')).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 240_000);
});
