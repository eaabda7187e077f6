/**
 * Targets in Chromium, on the sample site (its targets.csv sets goals over the last four quarters):
 * the overview's marks and sentence follow the quarter (none where no target covers it), the rule is
 * drawn in the page's text colour in both themes, and the findings page reads runs below target.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

const marks = '#chart-nps_by_bank [data-chart-body] svg .cx-target';
const sentence = '.inline-value[data-cell="target_text"]';

describe('targets', () => {
  it('the overview marks each bank’s target and reads it in a sentence; a quarter without targets shows neither', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}zh/overview/`);
    expect(await page.locator(`${marks} line`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${marks} text`).allTextContents()).toContain('年度目标 20');
    expect(await page.locator(sentence).first().textContent()).toMatch(/^对照目标（2026Q3）：.*NPS −?[\d.]+，(招行自定目标 35|年度目标 20)：(低于|高于|达到)目标/);
    // The figure's own accessible summary reads it too.
    expect(await page.locator('#chart-nps_by_bank [data-chart-summary]').textContent()).toMatch(/；目标：.*，(招行自定目标 35|年度目标 20)：(低于|高于|达到)目标/);

    // The sample's targets start in 2025Q4: the earliest quarter has none.
    const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await page.selectOption('select[name="quarter"]', quarters.at(-1)!);
    await waitForUpdates(page, 1);
    expect(await page.locator(marks).count()).toBe(0);
    expect(await page.locator(sentence).first().textContent()).toBe('');
    await page.selectOption('select[name="quarter"]', '2025Q4');
    await waitForUpdates(page, 2);
    expect(await page.locator(`${marks} text`).allTextContents()).toContain('年度目标 20');
    expect(await page.locator(sentence).first().textContent()).toMatch(/^对照目标（2025Q4）/);
    // A bank's targets are for all its customers: one segment's figures are not read against them.
    const segment = await page.locator('select[name="segment"] option').evaluateAll((os) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== '*')!);
    await page.selectOption('select[name="segment"]', segment);
    await waitForUpdates(page, 3);
    expect(await page.locator(marks).count()).toBe(0);
    expect(await page.locator(sentence).first().textContent()).toBe('');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the target's rule is drawn in the page's text colour, dashed (${colorScheme})`, async () => {
      const { page, context } = await watchedPage(browser, siteUrl, { colorScheme });
      await page.goto(`${siteUrl}en/overview/`);
      const colours = await page.locator(`${marks}`).first().evaluate((g) => {
        const svg = g.closest('svg')!;
        return { stroke: getComputedStyle(g.querySelector('line')!).stroke, text: getComputedStyle(svg).color, dash: getComputedStyle(g.querySelector('line')!).strokeDasharray, bg: getComputedStyle(document.body).backgroundColor };
      });
      expect(colours.stroke).toBe(colours.text);
      expect(colours.stroke).not.toBe(colours.bg);
      expect(colours.dash).toMatch(/5(px)?,? 3(px)?/);
      await context.close();
    });
  }

  it('the findings page lists the figures below target with their run of quarters, in both languages', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}en/findings/`);
    expect(await page.locator('.inline-value[data-cell="target_findings"]').first().textContent()).toMatch(
      /^Against targets \(2026Q3\): \d+ of \d+ survey figures with a target miss it — .*, annual goal 20: below target for the (second|third|fourth) quarter running/,
    );
    await page.goto(`${siteUrl}zh/findings/`);
    expect(await page.locator('.inline-value[data-cell="target_findings"]').first().textContent()).toMatch(/连续第 [234] 个季度低于目标/);
    await context.close();
  });
});
