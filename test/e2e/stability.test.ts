import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates } from './browser.ts';

/**
 * The first paint is the page for good: nothing moves when the engine starts and the first update
 * redraws the page (Cumulative Layout Shift), no web font is fetched, and the engine (DuckDB-WASM's
 * worker and wasm, the runtime, the data tables) is fetched only once the reader changes an input.
 */

const siteUrl = inject('siteUrl');

/** A layout shift counts toward CLS below this (Google's "good" is 0.1); the page is measured at 0 (see README, Performance). */
const CLS_LIMIT = 0.01;

/** What the engine is made of: the runtime chunk, DuckDB-WASM's worker and wasm, the page's tables. */
const ENGINE = /\/_astro\/(runtime|duckdb)[^/]*$|\/_data\//;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('first paint stability', () => {
  for (const width of [1200, 390]) {
    it(`has no layout shift while a precomputed state and then the engine render, no web fonts, and no engine files before the engine is needed (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      // Every layout shift from the first paint on, whether or not it followed an input (a
      // programmatic change is not one), with the elements that moved.
      await context.addInitScript(() => {
        const w = window as unknown as { cxShifts: { value: number; nodes: string[] }[] };
        w.cxShifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; sources?: { node?: Node }[] }[]) {
            w.cxShifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.localName}.${s.node.className}` : String(s.node?.nodeName))) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const page = await context.newPage();
      const requests: { url: string; type: string; afterChange: boolean }[] = [];
      let changed = false;
      page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType(), afterChange: changed }));

      await page.goto(`${siteUrl}en/overview/`);
      await page.waitForLoadState('networkidle');
      // Give idle callbacks their chance: nothing of the engine may come while the reader only reads.
      await page.waitForTimeout(1000);
      expect(requests.filter((r) => ENGINE.test(new URL(r.url).pathname)).map((r) => r.url)).toEqual([]);

      changed = true;
      // A precomputed state: drawn from its rows, still no engine.
      await page.selectOption('select[name="quarter"]', { index: 1 });
      await waitForUpdates(page, 1);
      expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('precomputed');
      expect(requests.filter((r) => ENGINE.test(new URL(r.url).pathname)).map((r) => r.url)).toEqual([]);
      // A state the engine computes (forced here; a state the build did not precompute in general).
      await page.evaluate(() => (document.documentElement.dataset.cxEngine = 'always'));
      await page.selectOption('select[name="quarter"]', { index: 2 });
      await waitForUpdates(page, 2);
      expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
      await page.waitForTimeout(500);

      const engine = requests.filter((r) => ENGINE.test(new URL(r.url).pathname));
      expect(engine.some((r) => r.url.includes('duckdb-eh'))).toBe(true);
      expect(engine.some((r) => r.url.includes('worker'))).toBe(true);
      expect(engine.every((r) => r.afterChange)).toBe(true);
      expect(requests.filter((r) => r.type === 'font' || /\.(woff2?|ttf|otf|eot)(\?|$)/i.test(r.url)).map((r) => r.url)).toEqual([]);
      expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status !== 'unloaded').map((f) => f.family))).toEqual([]);

      const shifts = await page.evaluate(() => (window as unknown as { cxShifts: { value: number; nodes: string[] }[] }).cxShifts);
      const cls = shifts.reduce((sum, s) => sum + s.value, 0);
      console.log(`[cls] ${width} px: ${cls.toFixed(4)} over ${shifts.length} shifts`);
      expect(cls, JSON.stringify(shifts)).toBeLessThan(CLS_LIMIT);
      await context.close();
    });
  }
});
