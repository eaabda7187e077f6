import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

describe('this quarter\'s findings', () => {
  it('is first in the navigation, lists significant findings with links to their pages and states, and each link shows the same number', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/findings/?bank=cmb`);
    await waitForUpdates(page, 1);
    expect(await page.locator('nav a').first().getAttribute('href')).toMatch(/\/en\/findings\/$/);
    const rows = page.locator('#chart-finding_list tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const hrefs = await page.locator('#chart-finding_list tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) expect(h).toMatch(/^\.\.\/(overview|ipa|journey|compare)\/\?quarter=\d{4}Q[1-4](&bank=cmb)?$/);
    // The bank's NPS change on a year earlier, "… from X to Y …": Y is the NPS the overview prints for the bank in that quarter.
    const nps = rows.filter({ hasText: /China Merchants Bank's NPS is (up|down) [\d.]+ points since \d{4}Q\d \(a year earlier\)/ });
    expect(await nps.count()).toBe(1);
    const sentence = (await nps.locator('td').first().textContent())!;
    const now = /to (−?[\d.]+) \(95% CI/.exec(sentence)![1]!;
    // The table is paged: follow the link as the reader's click would, wherever its row is.
    const href = (await nps.locator('a').getAttribute('href'))!;
    await page.goto(new URL(href, page.url()).href);
    expect(page.url()).toMatch(/\/en\/overview\/\?quarter=2026Q3&bank=cmb$/);
    // The link names the page's default state here, so the printed page is already that state; any other would be applied first.
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-busy'));
    expect(await page.locator('select[name="quarter"]').inputValue()).toBe('2026Q3');
    expect(await page.locator('#chart-nps_by_bank').textContent()).toContain(`China Merchants Bank ${now}`);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('without JavaScript: the family\'s count, the method with its n, and the figures that did not change with their detectable change (zh)', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}zh/findings/`);
    const intro = await page.locator('main').textContent();
    expect(intro).toMatch(/2026Q3：\d+ 项检验中，\d+ 项在错误发现率 5% 下显著/);
    expect(await page.locator('#chart-finding_list .chart-method').first().textContent()).toMatch(/Benjamini–Hochberg.*n = 6,000/);
    const quiet = await page.locator('#chart-no_change tbody tr').allTextContents();
    for (const row of quiet) expect(row).toMatch(/较上季度无显著变化.*小于 [\d.]+ (分|个百分点)?的变化无法可靠检出/);
    await context.close();
  });
});
