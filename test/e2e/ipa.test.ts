import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const MTCARS_OUT = path.resolve('.cache/e2e/mtcars');
let browser: Browser;
let mtcars: StaticServer;

beforeAll(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/ipa-mtcars', '--out', MTCARS_OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  mtcars = await serveStatic(MTCARS_OUT);
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await mtcars.close();
});

/** The IPA table as attribute → [quadrant, unrounded importance]. */
async function ipaTable(page: Page): Promise<Record<string, { quadrant: string; importance: number }>> {
  const rows = await page.locator('#chart-ipa_table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')];
      return [td[0]!.textContent, td[1]!.textContent, Number(td[2]!.getAttribute('data-value'))] as const;
    }),
  );
  return Object.fromEntries(rows.map(([a, q, i]) => [a!, { quadrant: q!, importance: i }]));
}

describe('importance–performance page', () => {
  it('prints R rwa\'s relative weights for mtcars written as a survey (ratings mapped onto 1–10)', async () => {
    const { page, context } = await watchedPage(browser, `http://127.0.0.1:${mtcars.port}/`, { javaScriptEnabled: false });
    await page.goto(`http://127.0.0.1:${mtcars.port}/en/ipa/`);
    const t = await ipaTable(page);
    expect(t.Cylinders!.importance).toBeCloseTo(0.2096904, 6);
    expect(t.Displacement!.importance).toBeCloseTo(0.1883043, 6);
    expect(t.Horsepower!.importance).toBeCloseTo(0.179959, 6);
    expect(t.Weight!.importance).toBeCloseTo(0.2706812, 6);
    expect(await page.locator('#chart-ipa_grid [data-chart-body] svg').count()).toBe(1);
    expect(await page.locator('#chart-ipa_grid .chart-method').textContent()).toMatch(/n = 32/);
    await context.close();
  });

  it('re-renders the grid when the importance method changes, and moves an attribute between segments', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/ipa/`);
    const before = await page.locator('#chart-ipa_grid [data-chart-body]').innerHTML();
    await page.selectOption('select[name="importance"]', 'stated');
    await waitForUpdates(page, 1);
    expect(page.url()).toContain('importance=stated');
    expect(await page.locator('#chart-ipa_grid [data-chart-body]').innerHTML()).not.toBe(before);
    expect(await page.locator('#chart-ipa_grid .chart-method').textContent()).toMatch(/stated/);

    await page.selectOption('select[name="importance"]', 'relative_weights');
    await page.selectOption('select[name="segment"]', 'young');
    await waitForUpdates(page, 3);
    const young = (await ipaTable(page))['Mobile app ease of use']!.quadrant;
    await page.selectOption('select[name="segment"]', 'senior');
    await waitForUpdates(page, 4);
    const senior = (await ipaTable(page))['Mobile app ease of use']!.quadrant;
    expect(young).not.toBe(senior);

    // Movement arrows are the reader's choice, kept in the URL like every input.
    const arrows = () => page.locator('#chart-ipa_grid [data-chart-body] .ipa-movement path, #chart-ipa_grid [data-chart-body] .ipa-movement line').count();
    expect(await arrows()).toBeGreaterThan(0);
    await page.selectOption('select[name="arrows"]', 'hide');
    await waitForUpdates(page, 5);
    expect(await arrows()).toBe(0);
    expect(page.url()).toContain('arrows=hide');
    expect(w.foreignRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('compares the banks on one grid: a panel per bank on shared axes, and their Concentrate-here lists', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}zh/ipa-banks/`);
    const titles = await page.locator('#chart-banks_grid [data-chart-body] .ipa-panel-title text').allTextContents();
    expect(titles.sort()).toEqual(['工商银行', '平安银行', '招商银行']);
    const banks = await page.locator('#chart-concentrate_table tbody tr td:first-child').allTextContents();
    expect(new Set(banks).size).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
