// End to end: a manager approves a request in the Microsoft 365 Agents Playground (Chromium).
// 佐藤 花子 (…101, no manager) sends a private-PC request by a card action posted to the bot; the
// playground's user 田中 次郎 (…103, an admin here) gets the approval card proactively in the
// playground chat, presses "approve", and the card turns into the approved request in place.
// Needs /usr/bin/chromium (Debian package "chromium"); skipped without it, except in CI.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import directory from '../../scripts/local/directory.json';
import { ROOT, chromiumMissing, type AdaptiveCard, type PlaygroundPage } from './harness';
import { startPlaygroundWorld, type PlaygroundWorld, type RunningBot } from './world';

const OUT_DIR = path.join(ROOT, 'test-output/e2e');
const APPROVER = '00000000-0000-4000-a000-000000000103'; // the playground's current user
const REQUESTER = '00000000-0000-4000-a000-000000000101';

const missing = chromiumMissing();
if (missing && process.env.CI !== 'true') console.warn(`[e2e] skipping the approval playground test: ${missing}`);

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('Agents Playground: a manager approves a request', () => {
  let world: PlaygroundWorld | undefined;
  let bot: RunningBot;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but the e2e test cannot run: ${missing}`);
    world = await startPlaygroundWorld('approval', { LOG_LEVEL: 'error', ADMIN_USER_IDS: APPROVER, PLEDGE_REQUIRED: 'false', HOME_NETWORK_CHECK: 'off' });
    ({ bot, ui } = world);
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  it('request → approval card in the playground → approve → approved in place and stored', async () => {
    // The approver opens the chat once (help), so the bot knows where to reach them.
    await ui.send('help');
    await ui.waitForCard((c) => JSON.stringify(c).includes(VERBS.privatePcRequestOpen), 30_000);

    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', id: 'e2e-request-1', serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:local-sato-hanako', aadObjectId: REQUESTER, name: '佐藤 花子' }, recipient: { id: '28:anshin-bot', name: 'Anshin' },
        conversation: { id: 'a:e2e-requester', conversationType: 'personal', tenantId: directory.tenantId }, channelData: { tenant: { id: directory.tenantId } },
        locale: 'ja-JP',
        value: { action: { type: 'Action.Execute', verb: VERBS.privatePcRequestSubmit, data: { declNonPublicLine: 'true', declUpdates: 'true', declBrowserOnly: 'true', reason: '貸与PCの修理中', until: '2027-01-31' } }, trigger: 'manual' },
      }),
    });
    expect(res.status).toBe(200);

    const isApprovalCard = (c: AdaptiveCard) => (c.actions ?? []).some((a) => a.verb === VERBS.approvalDecide);
    const { card, locator } = await ui.waitForCard(isApprovalCard, 30_000);
    expect(JSON.stringify(card)).toContain('佐藤 花子');
    await locator.scrollIntoViewIfNeeded();
    await ui.screenshot(path.join(OUT_DIR, 'approval-request.png'));
    const approve = (card.actions ?? []).find((a) => a.verb === VERBS.approvalDecide && (a.data as { decision?: string } | undefined)?.decision === 'approve');
    if (!approve?.title) throw new Error('the approval card has no approve button');
    await ui.clickAction(locator, card, approve.title);

    const approved = ui.page.locator('.ac-adaptiveCard').filter({ hasText: /承認されました|Approved \(/ }).last();
    try {
      await approved.waitFor({ state: 'visible', timeout: 20_000 });
    } catch (err) {
      await ui.screenshot(path.join(OUT_DIR, 'approval-failed.png'));
      throw new Error(`${String(err)}\nplayground log:\n${ui.log.join('\n')}`);
    }
    await ui.screenshot(path.join(OUT_DIR, 'approval-approved.png'));
    expect(await approved.getByRole('button').count()).toBe(0);
    const { rows } = await bot.db.query<{ state: string; requester_id: string }>('select state, requester_id from approval_requests');
    expect(rows).toEqual([{ state: 'approved', requester_id: REQUESTER }]);
  }, 120_000);
});
