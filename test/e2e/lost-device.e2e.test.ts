// End to end: reporting a lost device in the Microsoft 365 Agents Playground (Chromium).
// The playground's user 田中 次郎 (…103) types `紛失`, fills the report card and submits it; the card
// turns into the incident's state in place, and — being on the security team here — they get the
// incident card proactively in the same chat. Needs /usr/bin/chromium; skipped without it, except in CI.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { ROOT, chromiumMissing, type AdaptiveCard, type PlaygroundPage } from './harness';
import { startPlaygroundWorld, type PlaygroundWorld, type RunningBot } from './world';

const OUT_DIR = path.join(ROOT, 'test-output/e2e');
const REPORTER = '00000000-0000-4000-a000-000000000103'; // the playground's current user

const missing = chromiumMissing();
if (missing && process.env.CI !== 'true') console.warn(`[e2e] skipping the lost-device playground test: ${missing}`);

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('Agents Playground: reporting a lost device', () => {
  let world: PlaygroundWorld | undefined;
  let bot: RunningBot;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but the e2e test cannot run: ${missing}`);
    world = await startPlaygroundWorld('lost-device', {
      LOG_LEVEL: 'error', SECURITY_TEAM_USER_IDS: REPORTER, PLEDGE_REQUIRED: 'false', HOME_NETWORK_CHECK: 'off',
      // The manager never opened the bot: their alert must not leave this machine.
      BOT_SERVICE_URL: 'http://127.0.0.1:9/',
    });
    ({ bot, ui } = world);
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  it('紛失 → report card → submit → the state in place, and the security team’s incident card', async () => {
    await ui.send('紛失');
    const isReport = (c: AdaptiveCard) => (c.actions ?? []).some((a) => a.verb === VERBS.deviceReportSubmit);
    const { card, locator } = await ui.waitForCard(isReport, 30_000);
    await ui.fillCard(locator, card, {
      kind: 'lost', deviceType: 'company_phone', serial: 'SN-E2E-1', lostWhere: '山手線の車内', encrypted: 'no', screenLocked: 'yes', personalData: 'unknown',
    });
    await ui.screenshot(path.join(OUT_DIR, 'lost-device-report.png'));
    await ui.clickAction(locator, card, VERBS.deviceReportSubmit);

    const reported = ui.page.locator('.ac-adaptiveCard').filter({ hasText: '報告を受け付けました' }).last();
    const incident = (c: AdaptiveCard) => (c.actions ?? []).some((a) => a.verb === VERBS.deviceActionRequest);
    try {
      await reported.waitFor({ state: 'visible', timeout: 20_000 });
      const { card: incidentCard, locator: incidentLocator } = await ui.waitForCard(incident, 30_000);
      expect(JSON.stringify(incidentCard)).toContain('田中 次郎');
      expect(JSON.stringify(incidentCard)).toContain('個人情報保護委員会');
      await incidentLocator.scrollIntoViewIfNeeded();
    } catch (err) {
      await ui.screenshot(path.join(OUT_DIR, 'lost-device-failed.png'));
      throw new Error(`${String(err)}\nplayground log:\n${ui.log.join('\n')}`);
    }
    await ui.screenshot(path.join(OUT_DIR, 'lost-device-incident.png'));
    expect(await reported.getByRole('button').count()).toBe(0);
    const { rows } = await bot.db.query<{ user_id: string; serial: string; lost_where: string; personal_data: string }>(
      'select user_id, serial, lost_where, personal_data from device_incidents',
    );
    expect(rows).toEqual([{ user_id: REPORTER, serial: 'SN-E2E-1', lost_where: '山手線の車内', personal_data: 'unknown' }]);
  }, 120_000);
});
