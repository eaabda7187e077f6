import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const CASES = [
  { slug: 'case-cmb', zh: '招商银行', en: 'China Merchants Bank' },
  { slug: 'case-pingan', zh: '平安银行', en: 'Ping An Bank' },
  { slug: 'case-icbc', zh: '工商银行', en: 'ICBC' },
];

/** A number as the site prints it: d3-format writes the minus sign as U+2212. */
const NUMBER = /^[+−-]?\d[\d,]*(\.\d+)?$/;

describe.each(CASES)('case page $slug', ({ slug, zh, en }) => {
  it('is complete with JavaScript off: the bank\'s NPS, its trend, priorities and sources, each chart with a method and n', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}zh/${slug}/`);
    expect(await page.locator('h1').textContent()).toContain(zh);
    expect(await page.locator('.inline-value[data-cell="bank"][data-column="name"]').first().textContent()).toBe(zh);
    expect((await page.locator('.inline-value[data-cell="kpi"][data-column="nps"]').first().textContent())!.trim()).toMatch(NUMBER);
    // NPS trend, two operating metrics, the priorities and the sources.
    expect(await page.locator('figure.chart').count()).toBe(5);
    expect(await page.locator('figure.chart [data-chart-body] svg').count()).toBe(3);
    for (const method of await page.locator('figure.chart .chart-method').allTextContents()) expect(method).toMatch(/n = \d/);
    expect(await page.locator('#chart-sources_table tbody tr').count()).toBeGreaterThanOrEqual(1);
    // The page says plainly that the sample's figures are synthetic.
    expect(await page.locator('main').textContent()).toMatch(/合成的演示数据/);
    await context.close();
  });

  it('updates the NPS sentence and the URL when the quarter changes, with no console errors and no foreign requests', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/${slug}/`);
    expect(await page.locator('.inline-value[data-cell="bank"][data-column="name"]').first().textContent()).toBe(en);
    const nps = page.locator('.inline-value[data-cell="kpi"][data-column="nps"]').first();
    const first = (await nps.textContent())!.trim();
    expect(first).toMatch(NUMBER);
    const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(quarters.length).toBeGreaterThanOrEqual(2);
    const quarterValue = page.locator('.inline-value[data-cell="kpi"][data-column="quarter"]').first();
    expect(await quarterValue.textContent()).toBe(quarters[0]);

    // The synthetic sample gives every quarter a different NPS for each bank.
    const target = quarters[quarters.length - 1]!;
    await page.selectOption('select[name="quarter"]', target);
    await waitForUpdates(page, 1);
    expect(page.url()).toContain(`quarter=${target}`);
    expect(await quarterValue.textContent()).toBe(target);
    const second = (await nps.textContent())!.trim();
    expect(second).toMatch(NUMBER);
    expect(second).not.toBe(first);
    // The earliest quarter has no previous one to compare with, and says so.
    expect(await page.locator('.inline-value[data-cell="kpi"][data-column="change_verdict"]').first().textContent()).toMatch(/no earlier quarter/);
    expect(await page.locator('#chart-priorities_table .chart-title, #chart-priorities_table figcaption').first().textContent()).toContain(target);

    expect(w.foreignRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
