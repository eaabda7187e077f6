import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const PMC_OUT = path.resolve('.cache/e2e/servqual-pmc');
let browser: Browser;
let pmc: StaticServer;

beforeAll(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/servqual-pmc', '--out', PMC_OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  pmc = await serveStatic(PMC_OUT);
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await pmc.close();
});

/** A table chart's rows as text cells. */
async function tableText(page: Page, id: string): Promise<string[][]> {
  return page.locator(`#chart-${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

describe('service quality gap page', () => {
  it('shows PMC6131925 Table 2 (E, P and gap per dimension) from the fixture, with JavaScript off', async () => {
    const { page, context } = await watchedPage(browser, `http://127.0.0.1:${pmc.port}/`, { javaScriptEnabled: false });
    await page.goto(`http://127.0.0.1:${pmc.port}/en/servqual/`);
    const rows = await tableText(page, 'dimension_table');
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['Tangibles', '4.44', '4.19', '−0.25'],
      ['Reliability', '4.49', '4.36', '−0.13'],
      ['Responsiveness', '4.48', '4.35', '−0.13'],
      ['Assurance', '4.50', '4.32', '−0.18'],
      ['Empathy', '4.56', '4.40', '−0.16'],
    ]);
    expect(rows.every((r) => r[8] === '386')).toBe(true);
    // Only gap 5 is measured in the study: the diagram says so for the provider's gaps.
    const diagram = await page.locator('#chart-gap_model [data-chart-body] svg').textContent();
    expect(diagram).toContain('not measured');
    expect(diagram).toMatch(/Gap 5 · customer gap−0\.\d\d \[/);
    const sources = await tableText(page, 'gap_sources');
    expect(sources[4]![6]).toContain('servqual/2017Q1.csv');
    expect(sources[4]![6]).toContain('n = 386');
    await context.close();
  });

  it('prints gaps 1–5 for every dimension and the whole model, prerendered, whatever dimension the diagram shows', async () => {
    const off = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await off.page.goto(`${siteUrl}en/servqual/`);
    const rows = await tableText(off.page, 'gap_table');
    expect(rows.map((r) => r[0])).toEqual(['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy', 'Whole model']);
    // The sample measures all five gaps: every cell is a signed number.
    for (const r of rows) for (const cell of r.slice(1, 6)) expect(cell).toMatch(/^[+−]\d\.\d\d$/);
    // The model row is the diagram's: gap 5 of the whole model as the sources table prints it.
    const sources = await tableText(off.page, 'gap_sources');
    expect(rows.at(-1)![5]).toBe(sources.find((r) => r[0] === '5')![2]);
    await off.context.close();

    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/servqual/`);
    await page.selectOption('select[name="dimension"]', 'empathy');
    await waitForUpdates(page, 1);
    expect(await tableText(page, 'gap_table')).toEqual(rows);
    await context.close();
  });

  it('recomputes the diagram, items and headline in the browser when the dimension and weighting change', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/servqual/`);
    const diagram = page.locator('#chart-gap_model [data-chart-body]');
    const before = await diagram.innerHTML();
    const items = await page.locator('#chart-item_gaps [data-chart-body] g[data-mark="bar"] rect').count();
    expect(items).toBe(22);

    await page.selectOption('select[name="dimension"]', 'empathy');
    await waitForUpdates(page, 1);
    expect(page.url()).toContain('dimension=empathy');
    expect(await diagram.innerHTML()).not.toBe(before);
    expect(await page.locator('#chart-item_gaps [data-chart-body] g[data-mark="bar"] rect').count()).toBe(5);
    expect(await page.locator('main').textContent()).toContain('For Empathy');

    await page.selectOption('select[name="dimension"]', '*');
    await waitForUpdates(page, 2);
    const unweighted = await page.locator('main p', { hasText: 'the customer gap (gap 5)' }).textContent();
    await page.selectOption('select[name="weighting"]', 'weighted');
    await waitForUpdates(page, 3);
    const weighted = await page.locator('main p', { hasText: 'the customer gap (gap 5)' }).textContent();
    expect(weighted).toContain("weighted by the customers' importance points");
    expect(weighted).not.toBe(unweighted);
    await context.close();
  });

  it('ranks the gaps by coded opinions and lists the chosen gap’s opinions as text', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}zh/servqual/`);
    // The sample reproduces the telecom case: gap 1 gathers the most opinions.
    expect(await page.locator('main').textContent()).toMatch(/条数最多的是差距 1/);
    const all = (await tableText(page, 'opinion_table')).length;
    await page.selectOption('select[name="opinion_gap"]', '3');
    await waitForUpdates(page, 1);
    const gap3 = await tableText(page, 'opinion_table');
    expect(gap3.length).toBeGreaterThan(0);
    expect(gap3.length).toBeLessThan(all);
    expect(gap3.every((r) => r[0] === '3')).toBe(true);
    await context.close();
  });

  it('compares the banks’ dimension gaps, one bar per bank and dimension', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/servqual/`);
    expect(await page.locator('#chart-bank_dimensions [data-chart-body] g[data-mark="bar"] rect').count()).toBe(15);
    const sources = await tableText(page, 'gap_sources');
    expect(sources.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    // Every gap of the sample is measured and says where it comes from.
    for (const r of sources) expect(r[6]).toMatch(/servqual(_provider)?\/\d{4}Q\d\.csv/);
    expect(sources[1]![6]).toMatch(/specification/);
    await context.close();
  });
});
