// End to end: the console tab in headless Chromium, local mode. The playground's user (田中 次郎, an
// admin here) starts a drill from chat; 佐藤 花子 (admin) opens /console/ through the local picker and
// sees the round live; the playground user answers the safety card in the Agents Playground and the
// tab's counts change; the round's report; 鈴木 一郎 (manager) sees only his four reports (the rounds and the
// compliance overview); 高橋 美咲 gets "not allowed".
// axe-core finds no serious or critical issue. Screenshots (ja): see IMAGES.
// Needs /usr/bin/chromium (Debian package "chromium"); skipped without it, except in CI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { CARD_STRINGS } from '../support/card-catalog';
import { ROOT, cardInputs, chromiumMissing, type PlaygroundPage } from './harness';
import { startPlaygroundWorld, type PlaygroundWorld, type RunningBot } from './world';

// Screenshots go to test-output/e2e; UPDATE_DOC_IMAGES=1 writes them over the README's in docs/images.
const IMAGES = path.join(ROOT, process.env.UPDATE_DOC_IMAGES === '1' ? 'docs/images' : 'test-output/e2e');
const PLAYGROUND_USER = '00000000-0000-4000-a000-000000000103'; // 田中 次郎, an admin in this test
const ADMIN = '00000000-0000-4000-a000-000000000101'; // 佐藤 花子, the directory's admin
const MANAGER = '00000000-0000-4000-a000-000000000102'; // 鈴木 一郎, manager of …103–106
const EMPLOYEE = '00000000-0000-4000-a000-000000000104'; // 高橋 美咲

const missing = chromiumMissing();
if (missing && process.env.CI !== 'true') console.warn(`[e2e] skipping the console test: ${missing}`);

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('console tab in Chromium (local mode)', () => {
  let world: PlaygroundWorld | undefined;
  let bot: RunningBot;
  let ui: PlaygroundPage;

  /** A new tab (its own sessionStorage) on the console, signed in through the picker as `userId`. */
  async function consoleAs(userId: string): Promise<Page> {
    const page = await ui.page.context().newPage();
    await page.goto(`${bot.url}/console/`);
    const picker = page.getByLabel('利用者');
    await picker.waitFor({ timeout: 20_000 });
    await picker.selectOption(userId);
    await page.getByRole('button', { name: 'この人として開く' }).click();
    return page;
  }

  async function seriousIssues(page: Page): Promise<string[]> {
    // Tabster (Fluent UI's keyboard navigation) adds aria-hidden focus sentinels around focus groups
    // (the chart's legend): they hand focus on and are never focused themselves, a known axe false positive.
    const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')})`);
  }

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but the e2e test cannot run: ${missing}`);
    const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/console-bundle.cjs')], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the console bundle did not build');
    world = await startPlaygroundWorld('console', { LOG_LEVEL: 'error', ADMIN_USER_IDS: PLAYGROUND_USER, PLEDGE_REQUIRED: 'false', HOME_NETWORK_CHECK: 'off' });
    ({ bot, ui } = world);
  }, 180_000);

  afterAll(async () => world?.stop(), 60_000);

  it('a drill started from chat shows live in the tab, and counts change when a person answers in the playground', async () => {
    const strings = CARD_STRINGS.ja;
    await ui.send('安否確認');
    const form = await ui.waitForCard((c) => cardInputs(c).some((i) => i.id === 'scope'), 30_000);
    await ui.fillCard(form.locator, form.card, { kind: 'earthquake', scope: 'everyone' });
    await ui.clickAction(form.locator, form.card, VERBS.roundPreview);
    const confirm = ui.page.locator('.ac-adaptiveCard').filter({ hasText: strings.roundConfirm.title }).last();
    await confirm.waitFor({ state: 'visible', timeout: 20_000 });
    await confirm.getByRole('button', { name: strings.roundConfirm.start, exact: true }).click();
    const check = await ui.waitForCard((c) => JSON.stringify(c).includes(VERBS.safetyAnswer), 30_000);

    const tab = await consoleAs(ADMIN);
    await tab.getByRole('button', { name: /^表示/ }).first().click();
    await tab.getByRole('heading', { name: '部署別', exact: true }).waitFor({ timeout: 20_000 });
    const answeredTile = tab.getByRole('list', { name: '状態' }).getByRole('listitem').filter({ hasText: '回答済み' });
    await expect.poll(async () => answeredTile.textContent(), { timeout: 10_000 }).toContain('0');
    expect(await seriousIssues(tab)).toEqual([]);

    await ui.fillCard(check.locator, check.card, { ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home' });
    await ui.clickAction(check.locator, check.card, VERBS.safetyAnswer);
    await expect.poll(async () => answeredTile.textContent(), { timeout: 10_000 }).toMatch(/回答済み\s*1$/);
    await tab.screenshot({ path: path.join(IMAGES, 'console-round-ja.png'), fullPage: true });
    await tab.close();
  }, 180_000);

  it('the round report: answer rate, milestones, ranking, never answered; printable', async () => {
    const tab = await consoleAs(ADMIN);
    await tab.getByRole('button', { name: /^表示/ }).first().click();
    await tab.getByRole('button', { name: '訓練レポート' }).click();
    await tab.getByRole('heading', { name: '部署別ランキング' }).waitFor({ timeout: 20_000 });
    await expect.poll(async () => tab.getByRole('heading', { name: /最後まで回答しなかった人/ }).textContent()).toContain('(5)');
    expect(await seriousIssues(tab)).toEqual([]);
    await tab.screenshot({ path: path.join(IMAGES, 'console-report-ja.png'), fullPage: true });
    await tab.close();
  }, 120_000);

  it('a manager sees only their reports', async () => {
    const tab = await consoleAs(MANAGER);
    await tab.getByRole('button', { name: /^表示/ }).first().click();
    await tab.getByText('あなたの部下のみ表示しています。').waitFor({ timeout: 20_000 });
    const total = tab.getByRole('list', { name: '状態' }).getByRole('listitem').filter({ hasText: '対象者' });
    await expect.poll(async () => total.textContent(), { timeout: 10_000 }).toMatch(/対象者\s*4$/);
    expect(await tab.getByRole('button', { name: '未回答者全員に再送' }).count()).toBe(0);
    expect(await seriousIssues(tab)).toEqual([]);
    await tab.screenshot({ path: path.join(IMAGES, 'console-manager-ja.png'), fullPage: true });
    await tab.close();
  }, 120_000);

  it('the compliance overview: every section for an admin; a manager sees their reports and no incidents', async () => {
    const tab = await consoleAs(ADMIN);
    await tab.getByRole('tab', { name: 'コンプライアンス' }).click();
    await tab.getByRole('heading', { name: '今日の勤務報告' }).waitFor({ timeout: 20_000 });
    await tab.getByText('テナント全体を表示しています。').waitFor();
    const headings = ['労働時間の要注意者（月45時間・80時間の基準と見込み）', 'ルール違反（過去 30 日）', 'リマインダーの確認状況（過去 30 日）', '承認待ちの申請', '対応中の端末インシデント（個人情報保護委員会への報告期限）'];
    for (const name of headings) await tab.getByRole('heading', { name }).waitFor({ timeout: 20_000 }); // the watch list comes on its own request
    const people = tab.getByRole('list', { name: '今日の勤務報告' }).getByRole('listitem').filter({ hasText: '対象者' });
    expect(await people.textContent()).toMatch(/対象者\s*\d+$/);
    expect(await seriousIssues(tab)).toEqual([]);
    await tab.screenshot({ path: path.join(IMAGES, 'console-compliance-ja.png'), fullPage: true });
    await tab.close();

    const mine = await consoleAs(MANAGER);
    await mine.getByRole('tab', { name: 'コンプライアンス' }).click();
    await mine.getByText('あなたの直属の部下のみ表示しています。').waitFor({ timeout: 20_000 });
    await expect.poll(async () => mine.getByRole('list', { name: '今日の勤務報告' }).getByRole('listitem').filter({ hasText: '対象者' }).textContent()).toMatch(/対象者\s*4$/);
    expect(await mine.getByRole('heading', { name: headings[4] }).count()).toBe(0);
    expect(await seriousIssues(mine)).toEqual([]);
    await mine.close();
  }, 120_000);

  it('a plain employee gets "not allowed"', async () => {
    const tab = await consoleAs(EMPLOYEE);
    await tab.getByText('このコンソールを使う権限がありません（管理者・上長・セキュリティ担当のみ）。').waitFor({ timeout: 20_000 });
    expect(await seriousIssues(tab)).toEqual([]);
    await tab.close();
  }, 60_000);
});
