import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { normaliseSvg, pagePayload, renderChartsInNode } from './node-render.ts';
import { nextStates, stateKey } from '../../src/notebook/states.ts';
import type { InputValues } from '../../src/notebook/types.ts';
import type { PagePayload } from '../../src/site/client/runtime.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Every request the page makes from now on, by path. */
function requests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

/** Each chart's drawing (or table) as the page shows it now. */
function chartBodies(page: Page): Promise<Record<string, string>> {
  return page.locator('figure.chart[data-chart]').evaluateAll((figs) => Object.fromEntries(figs.map((f) => [(f as HTMLElement).dataset.chart!, f.querySelector('[data-chart-body]')!.innerHTML])));
}

/** Node's markup serialised the browser's way (HTML tables: `"` in text, CRLF → LF); SVG is already identical. */
function asBrowserHtml(page: Page, html: string): Promise<string> {
  return page.evaluate((h) => {
    const t = document.createElement('template');
    t.innerHTML = h;
    return t.innerHTML;
  }, html);
}

/** DuckDB's wasm, as the build ships it (gzip, decompressed by the page). */
const isWasm = (p: string) => /\.wasm(\.gz)?$/.test(p);

const options = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('a change to a precomputed input state', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`renders the new numbers from the build's rows with no wasm and no table download (${lang})`, async () => {
      const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2 });
      await page.goto(`${siteUrl}${lang}/overview/`);
      await page.waitForSelector('html[data-ready]', { state: 'attached' });
      const seen = requests(page);
      const quarters = await options(page, 'select[name="quarter"] option');
      const before = await page.locator('[data-print-state]').textContent();
      await page.selectOption('select[name="quarter"]', quarters[1]!);
      await waitForUpdates(page, 1);
      expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
      expect(seen.filter(isWasm)).toEqual([]);
      expect(seen.filter((p) => p.includes('/_data/'))).toEqual([]);
      expect(seen.filter((p) => p.includes('/_states/'))).toHaveLength(1);
      // The numbers are the build engine's for that state, drawn by the same chart code.
      const payload = pagePayload(E2E_OUT, `${lang}/overview`);
      const inNode = await renderChartsInNode(E2E_OUT, payload, { ...payload.defaults, quarter: quarters[1]! });
      const shown = await chartBodies(page);
      for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(shown[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
      // URL, print line and history behave as on the engine's path.
      expect(new URL(page.url()).searchParams.get('quarter')).toBe(quarters[1]);
      const after = await page.locator('[data-print-state]').textContent();
      expect(after).toContain(quarters[1]!);
      await page.goBack();
      await waitForUpdates(page, 2);
      expect(await page.locator('[data-print-state]').textContent()).toBe(before);
      expect(await page.locator('select[name="quarter"]').inputValue()).toBe(quarters[0]);
      const back = await chartBodies(page);
      const defaults = await renderChartsInNode(E2E_OUT, payload, payload.defaults);
      for (const [name, markup] of Object.entries(defaults)) expect(normaliseSvg(back[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
      expect(seen.filter((p) => isWasm(p) || p.includes('/_data/'))).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('draws the same SVG from precomputed rows as the engine draws for the same state', async () => {
    const drawn: Record<string, string>[] = [];
    for (const path of ['precomputed', 'engine'] as const) {
      const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { colorScheme: 'dark' });
      await page.goto(`${siteUrl}zh/overview/`);
      await page.waitForSelector('html[data-ready]', { state: 'attached' });
      if (path === 'engine') await page.evaluate(() => (document.documentElement.dataset.cxEngine = 'always'));
      const banks = await options(page, 'select[name="bank"] option');
      const segments = await options(page, 'select[name="segment"] option');
      await page.selectOption('select[name="segment"]', segments.at(-1)!);
      await waitForUpdates(page, 1);
      await page.selectOption('select[name="bank"]', banks.at(-1)!);
      await waitForUpdates(page, 2);
      expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe(path);
      drawn.push(await chartBodies(page));
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
    const [fromRows, fromEngine] = drawn as [Record<string, string>, Record<string, string>];
    expect(Object.keys(fromRows).length).toBeGreaterThan(3);
    for (const name of Object.keys(fromEngine)) expect(normaliseSvg(fromRows[name]!), name).toBe(normaliseSvg(fromEngine[name]!));
  }, 180_000);
});

/** The path of a precomputed state's file, as the page requests it. */
function statePath(payload: PagePayload, values: InputValues): string {
  const file = payload.states!.files[stateKey(payload.notebook, values, payload.defaults)];
  if (!file) throw new Error(`no precomputed state for ${JSON.stringify(values)}`);
  return new URL(payload.states!.url + file, 'http://x').pathname;
}

/** Times of the page's own marks of one name, in order. */
const marks = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'mark').map((m) => m.startTime), name);

describe('after a change, the page looks ahead', () => {
  it('fetches the states one change away, so the next change is drawn with no request; with every state precomputed, never the engine', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2, lookAhead: true });
    await page.goto(`${siteUrl}en/overview/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const payload = pagePayload(E2E_OUT, 'en/overview');
    const seen = requests(page);
    const quarters = await options(page, 'select[name="quarter"] option');
    const first = { ...payload.defaults, quarter: quarters[1]! };
    await page.selectOption('select[name="quarter"]', quarters[1]!);
    await waitForUpdates(page, 1);
    expect(seen.filter((p) => p.includes('/_states/'))[0]).toBe(statePath(payload, first));
    // The quarters first (the input the reader changed), then the other inputs' values: at most 12 files.
    const ahead = nextStates(payload.notebook, first, ['quarter']).slice(0, 12).map((s) => statePath(payload, s));
    expect(ahead.length).toBe(12);
    await page.waitForFunction((paths) => paths.every((p) => performance.getEntriesByType('resource').some((r) => new URL(r.name).pathname === p)), ahead, { timeout: 30_000 });
    expect(seen.filter((p) => p.includes('/_states/')).sort()).toEqual([statePath(payload, first), ...ahead].sort());
    const before = seen.length;
    const next = { ...first, quarter: quarters[2]! };
    await page.selectOption('select[name="quarter"]', quarters[2]!);
    await waitForUpdates(page, 2);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
    // Drawn from the rows fetched ahead: its file is not fetched again, nor anything but the next look-ahead's states.
    expect(seen.slice(before)).not.toContain(statePath(payload, next));
    expect(seen.slice(before).filter((p) => !p.includes('/_states/'))).toEqual([]);
    const inNode = await renderChartsInNode(E2E_OUT, payload, next);
    const shown = await chartBodies(page);
    for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(shown[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
    // The build precomputed every state of this page: the engine is never fetched.
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 500))));
    expect(seen.filter((p) => isWasm(p) || p.includes('/_data/'))).toEqual([]);
    expect(await marks(page, 'cx-engine-start')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('starts the engine at idle after the first change where the build did not precompute every state; a later engine change then waits for no download', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2, lookAhead: true });
    await page.goto(`${siteUrl}en/compare/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const seen = requests(page);
    // Nothing before the reader's first change.
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 500))));
    expect(seen.filter((p) => isWasm(p) || p.includes('/_data/') || p.includes('/_states/'))).toEqual([]);
    const banks = await options(page, 'input[name="banks"]');
    await page.uncheck(`input[name="banks"][value="${banks[1]}"]`);
    await waitForUpdates(page, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
    // The engine starts after the change was drawn, at idle, and runs the shown state.
    await page.waitForFunction(() => performance.getEntriesByName('cx-engine-ready', 'mark').length > 0, undefined, { timeout: 60_000 });
    const [drawn] = await marks(page, 'cx-update-end');
    const [started] = await marks(page, 'cx-engine-start');
    expect(started).toBeGreaterThan(drawn!);
    expect(seen.some(isWasm)).toBe(true);
    const before = seen.length;
    await page.uncheck(`input[name="banks"][value="${banks[2]}"]`);
    await waitForUpdates(page, 2);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
    expect(seen.slice(before).filter((p) => isWasm(p) || p.includes('/_data/'))).toEqual([]);
    const payload = pagePayload(E2E_OUT, 'en/compare');
    const state = { ...payload.defaults, banks: banks.filter((b) => b !== banks[1] && b !== banks[2]) };
    const inNode = await renderChartsInNode(E2E_OUT, payload, state);
    const shown = await chartBodies(page);
    for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(shown[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('fetches nothing ahead when the browser asks to save data', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2 });
    await page.goto(`${siteUrl}en/compare/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    expect(await page.evaluate(() => (navigator as { connection?: { saveData?: boolean } }).connection?.saveData)).toBe(true);
    const seen = requests(page);
    const banks = await options(page, 'input[name="banks"]');
    await page.uncheck(`input[name="banks"][value="${banks[1]}"]`);
    await waitForUpdates(page, 1);
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 1000))));
    expect(seen.filter((p) => p.includes('/_states/'))).toHaveLength(1);
    expect(seen.filter((p) => isWasm(p) || p.includes('/_data/'))).toEqual([]);
    expect(await marks(page, 'cx-engine-start')).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('a state file the host cannot serve', () => {
  it('is computed by the engine instead', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2 });
    await page.route('**/_states/**', (route) => route.abort());
    await page.goto(`${siteUrl}en/overview/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const quarters = await options(page, 'select[name="quarter"] option');
    await page.selectOption('select[name="quarter"]', quarters[1]!);
    await waitForUpdates(page, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
    const payload = pagePayload(E2E_OUT, 'en/overview');
    const inNode = await renderChartsInNode(E2E_OUT, payload, { ...payload.defaults, quarter: quarters[1]! });
    const shown = await chartBodies(page);
    for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(shown[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
    expect(await page.locator('[data-engine-status]').textContent()).toBe('');
    await context.close();
  }, 120_000);
});

describe('a state the build did not precompute', () => {
  it('starts the engine and shows the numbers the build engine gives for it (a multiselect combination)', async () => {
    // At a device pixel ratio of 2, as in Node, Plot draws without its 0.5 px crisp-line offset.
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { deviceScaleFactor: 2 });
    await page.goto(`${siteUrl}en/compare/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const seen = requests(page);
    const banks = await options(page, 'input[name="banks"]');
    expect(banks.length).toBeGreaterThanOrEqual(3);
    // One bank off: one change from the defaults, precomputed. A second bank off: a combination, the engine's.
    await page.uncheck(`input[name="banks"][value="${banks[1]}"]`);
    await waitForUpdates(page, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
    expect(seen.filter(isWasm)).toEqual([]);
    await page.uncheck(`input[name="banks"][value="${banks[2]}"]`);
    await waitForUpdates(page, 2);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
    expect(seen.some(isWasm)).toBe(true);
    expect(seen.some((p) => p.includes('/_data/'))).toBe(true);
    const payload = pagePayload(E2E_OUT, 'en/compare');
    const state = { ...payload.defaults, banks: banks.filter((b) => b !== banks[1] && b !== banks[2]) };
    const inNode = await renderChartsInNode(E2E_OUT, payload, state);
    const shown = await chartBodies(page);
    for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(shown[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
    // Back to the one-bank-off state: precomputed again, though the engine is now up.
    await page.goBack();
    await waitForUpdates(page, 3);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
    // Forward again: the engine already holds that state and re-runs nothing, yet every chart the
    // precomputed state had drawn shows the combination's numbers again.
    await page.goForward();
    await waitForUpdates(page, 4);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
    const again = await chartBodies(page);
    for (const [name, markup] of Object.entries(inNode)) expect(normaliseSvg(again[name]!), name).toBe(normaliseSvg(await asBrowserHtml(page, markup)));
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
