import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { normaliseSvg, pagePayload, renderChartsInNode } from './node-render.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('overview page', () => {
  it('is complete with JavaScript off: charts, numbers, n and a method note under each chart', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}zh/overview/`);
    const charts = page.locator('figure.chart');
    expect(await charts.count()).toBe(7);
    expect(await page.locator('figure.chart [data-chart-body] svg').count()).toBe(5);
    for (const method of await page.locator('figure.chart .chart-method').allTextContents()) {
      expect(method).toMatch(/方法/);
      expect(method).toMatch(/n\b|受访者/);
    }
    // The dot for every bank is drawn and the table behind it holds the numbers.
    const table = page.locator('figure#chart-metrics_table table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.inline-value').first().textContent()).toMatch(/\d{4}Q\d/);
    await context.close();
  });

  it('re-renders on input change, keeps the state in the URL, survives reload and back/forward, stays on its origin', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/overview/`);
    const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(quarters.length).toBeGreaterThanOrEqual(2);
    const firstHtml = await page.locator('#chart-nps_by_bank [data-chart-body]').innerHTML();
    const firstLead = await page.locator('.inline-value').first().textContent();

    await page.selectOption('select[name="quarter"]', quarters[1]!);
    await waitForUpdates(page, 1);
    expect(page.url()).toContain(`quarter=${quarters[1]}`);
    expect(await page.locator('.inline-value').first().textContent()).toBe(quarters[1]);
    const secondHtml = await page.locator('#chart-nps_by_bank [data-chart-body]').innerHTML();
    expect(secondHtml).not.toBe(firstHtml);

    // The language switch carries the state.
    expect(await page.locator('[data-lang-switch]').getAttribute('href')).toContain(`quarter=${quarters[1]}`);

    await page.reload();
    await waitForUpdates(page, 1);
    expect(await page.locator('select[name="quarter"]').inputValue()).toBe(quarters[1]);
    expect(normaliseSvg(await page.locator('#chart-nps_by_bank [data-chart-body]').innerHTML())).toBe(normaliseSvg(secondHtml));

    await page.goBack();
    await page.waitForURL(/overview\/$/);
    await page.goForward();
    await waitForUpdates(page, 2);
    expect(await page.locator('select[name="quarter"]').inputValue()).toBe(quarters[1]);

    await page.goto(`${siteUrl}en/overview/`);
    expect(await page.locator('.inline-value').first().textContent()).toBe(firstLead);
    expect(w.foreignRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('draws the same SVG in the browser as in Node for the same inputs', async () => {
    const payload = pagePayload(E2E_OUT, 'zh/overview');
    const inputs = payload.notebook.blocks.filter((b) => b.kind === 'input');
    const option = (name: string, i: number) => {
      const input = inputs.find((b) => b.kind === 'input' && b.name === name);
      const options = input && input.kind === 'input' ? input.options : [];
      return options[Math.min(i, options.length - 1)]!.value;
    };
    const combos: Record<string, string>[] = [
      { quarter: option('quarter', 1) },
      { quarter: option('quarter', 2), segment: option('segment', 1) },
      { bank: option('bank', 1), segment: option('segment', 2) },
    ];
    // Plot shifts lines by half a pixel on screens with devicePixelRatio 1 (crisp edges) and not on
    // high-density screens, nor in Node; compare on a high-density screen.
    const w = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2 });
    for (const [i, combo] of combos.entries()) {
      await w.page.goto(`${siteUrl}zh/overview/?${new URLSearchParams(combo)}`);
      await waitForUpdates(w.page, 1);
      const values = { ...payload.defaults, ...combo };
      const inNode = await renderChartsInNode(E2E_OUT, payload, values);
      for (const [name, markup] of Object.entries(inNode)) {
        const inBrowser = await w.page.locator(`#chart-${name} [data-chart-body]`).innerHTML();
        // Serialise Node's markup the browser's way (HTML tables: `"` in text, CRLF → LF); SVG is already identical.
        const fromNode = await w.page.evaluate((html) => {
          const t = document.createElement('template');
          t.innerHTML = html;
          return t.innerHTML;
        }, markup);
        expect(normaliseSvg(inBrowser), `combo ${i}, chart ${name}`).toBe(normaliseSvg(fromNode));
        if (markup.startsWith('<svg')) expect(normaliseSvg(inBrowser)).toBe(normaliseSvg(markup));
      }
    }
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
