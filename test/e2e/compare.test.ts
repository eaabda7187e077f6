import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

/** Stroke colours of the lines in the first panel (one per bank), and the banks named in the league table. */
async function state(page: Page) {
  const strokes = await page.locator('#chart-trends .panel').first().locator('g[data-mark="line"] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
  const banks = await page.locator('#chart-league_chart tbody tr').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.querySelectorAll('td')[3]!.textContent))].sort());
  return { strokes: strokes.sort(), banks };
}

describe('bank comparison page', () => {
  it('removes a deselected bank’s lines and rows, and the URL reproduces the state', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/compare/`);
    const before = await state(page);
    expect(before.strokes).toHaveLength(3);
    expect(before.banks).toEqual(['China Merchants Bank', 'ICBC', 'Ping An Bank']);

    await page.uncheck('input[name="banks"][value="icbc"]');
    await waitForUpdates(page, 1);
    const after = await state(page);
    expect(after.strokes).toHaveLength(2);
    expect(after.banks).toEqual(['China Merchants Bank', 'Ping An Bank']);
    expect(page.url()).toMatch(/banks=cmb%2Cpingan|banks=cmb,pingan/);
    // Pairwise tests now only compare the two banks left.
    const pairs = await page.locator('#chart-pair_table tbody tr').count();
    expect(pairs).toBe(4);

    const url = page.url();
    const second = await context.newPage();
    await second.goto(url);
    await waitForUpdates(second, 1);
    expect(await state(second)).toEqual(after);
    expect(await second.locator('input[name="banks"][value="icbc"]').isChecked()).toBe(false);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('states significant NPS differences in words, with Holm-adjusted p-values, and colours changes by direction', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}en/compare/`);
    const findings = await page.locator('#chart-pair_table tbody tr td:first-child').allTextContents();
    expect(findings).toHaveLength(12);
    expect(findings.some((f) => /^[A-Za-z ]+'s NPS is \d+\.\d points above [A-Za-z ]+'s \(Holm-adjusted p [<=] /.test(f))).toBe(true);
    // lower is better: a fall in waiting time is green
    const waits = await page.locator('#chart-league_chart tbody tr', { hasText: 'Average branch waiting time' }).evaluateAll((trs) =>
      trs.map((tr) => {
        const td = tr.querySelectorAll('td')[5]!;
        return [Number(td.getAttribute('data-value')), td.className];
      }),
    );
    for (const [change, cls] of waits) {
      if ((change as number) < 0) expect(cls).toContain('tone-good');
      if ((change as number) > 0) expect(cls).toContain('tone-bad');
    }
    // URL sources are links; other sources are text
    const link = page.locator('#chart-league_chart tbody a[href^="https://"]').first();
    expect(await link.count()).toBe(1);
    await context.close();
  });
});
