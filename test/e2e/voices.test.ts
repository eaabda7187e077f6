import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The comments on the current page of the list, and the list's "matching" count from the prose. */
async function visibleComments(page: Page): Promise<string[]> {
  return page.locator('#chart-voice_table tbody tr:not([hidden]) td:first-child').allTextContents();
}

async function matching(page: Page): Promise<number> {
  const text = await page.locator('.inline-value[data-cell="voice_totals"][data-column="matching"]').first().textContent();
  return Number(text!.replace(/,/g, ''));
}

describe('channels and voices page', () => {
  it('typing into the search narrows the comments; a comment holding markup shows as text and opens no dialog', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${siteUrl}en/voices/`);
    const all = await matching(page);
    expect(all).toBeGreaterThan(1000);
    expect(await visibleComments(page)).toHaveLength(20);

    await page.locator('input[name="search"]').pressSequentially('queue', { delay: 20 });
    await waitForUpdates(page, 1);
    const queue = await matching(page);
    expect(queue).toBeGreaterThan(0);
    expect(queue).toBeLessThan(all);
    const shown = await visibleComments(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c.toLowerCase()).toContain('queue');
    expect(page.url()).toContain('search=queue');

    // The sample's hostile comment (cmb, 2026Q3): found by a word of its markup, shown literally.
    await page.locator('input[name="search"]').fill('onerror');
    await waitForUpdates(page, 2);
    expect(await matching(page)).toBe(1);
    const [hostile, ...none] = await visibleComments(page);
    expect(none).toEqual([]);
    expect(hostile).toContain(HOSTILE);
    expect(await page.locator('#chart-voice_table img').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);

    // The state is in the URL: a new tab shows the same list.
    const second = await context.newPage();
    await second.goto(page.url());
    await waitForUpdates(second, 1);
    expect(await second.locator('input[name="search"]').inputValue()).toBe('onerror');
    expect(await visibleComments(second)).toEqual([hostile]);

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('pages through the comments with the keyboard, and the filters narrow the themes and the list', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}zh/voices/`);
    const status = page.locator('#chart-voice_table .pager-status');
    expect(await status.textContent()).toMatch(/^第 1–20 条，共 200 条$/);
    const first = await visibleComments(page);
    await page.locator('#chart-voice_table button[data-page-step="1"]').focus();
    await page.keyboard.press('Enter');
    expect(await status.textContent()).toBe('第 21–40 条，共 200 条');
    const second = await visibleComments(page);
    expect(second).toHaveLength(20);
    expect(second).not.toEqual(first);
    await page.locator('#chart-voice_table button[data-page-step="-1"]').click();
    expect(await visibleComments(page)).toEqual(first);

    // The data table behind the themes chart: the chart's columns, theme then count.
    const themeCount = async () => (await page.locator('#chart-theme_chart [data-chart-table] tbody td:nth-child(2)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value')))));
    const before = await themeCount();
    await page.selectOption('select[name="channel"]', 'branch');
    await waitForUpdates(page, 1);
    const after = await themeCount();
    expect(after.reduce((a, b) => a + b, 0)).toBeLessThan(before.reduce((a, b) => a + b, 0));
    // A redrawn list starts again on its first page.
    expect(await status.textContent()).toMatch(/^第 1–20 条，共 \d+ 条$/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('without JavaScript every sampled comment is listed and no page buttons show', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}en/voices/`);
    expect(await page.locator('#chart-voice_table tbody tr').evaluateAll((trs) => trs.filter((tr) => getComputedStyle(tr).display !== 'none').length)).toBe(200);
    expect(await page.locator('#chart-voice_table .pager').isVisible()).toBe(false);
    await context.close();
  });
});
